"""Running the command language: values, the evaluator, and the local cmdlets."""
