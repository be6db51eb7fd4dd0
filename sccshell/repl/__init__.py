"""The interactive shell on prompt_toolkit: prompt, completion, highlighting, history, toolbar."""
