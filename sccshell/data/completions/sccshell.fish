# fish completion for sccshell
#
# Install: sccshell --completions fish > ~/.config/fish/completions/sccshell.fish

# True while the words before the cursor hold no script yet (options values and
# --check files are not the script).
function __sccshell_before_script
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l skip 0
    set -l in_check 0
    for token in $tokens
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $token
            case --
                return 1
            case --check
                set in_check 1
            case -p --profile --profile-file -c --command -o --output --log-file --completions
                set in_check 0
                set skip 1
            case '-?*'
                set in_check 0
            case '*'
                test $in_check -eq 1; or return 1
        end
    end
    return 0
end

# True when the words before the cursor end in --check and its files.
function __sccshell_in_check
    set -l tokens (commandline -opc)
    for token in $tokens[-1..2]
        switch $token
            case --check
                return 0
            case '-*'
                return 1
        end
    end
    return 1
end

# .scc files and directories: fish's own file completion of the token, filtered.
function __sccshell_scripts
    set -l token (commandline -ct)
    complete -C "__fish_command_without_completions $token" | string match -r -- '^.*(?:\.scc|/)$'
end

# Profile names from `sccshell --list-profiles`, honouring a --profile-file on the line.
function __sccshell_profiles
    command -q sccshell; or return
    set -l tokens (commandline -opc) (commandline -ct)
    set -l file
    for i in (seq 2 (count $tokens))
        switch $tokens[$i]
            case --profile-file
                if test $i -lt (count $tokens)
                    set file $tokens[(math $i + 1)]
                end
            case '--profile-file=*'
                set file (string replace -- --profile-file= '' $tokens[$i])
        end
    end
    if test -n "$file"
        # The token is as typed: expand a leading ~ as the shell would.
        set file (string replace -r -- '^~(?=/|$)' $HOME $file)
        sccshell --list-profiles --profile-file $file 2>/dev/null
    else
        sccshell --list-profiles 2>/dev/null
    end
end

set -l opt '__sccshell_before_script'
complete -c sccshell -f
complete -c sccshell -n $opt -s h -l help -d 'show the help and exit'
complete -c sccshell -n $opt -l version -d 'show the version and exit'
complete -c sccshell -n $opt -l completions -x -a 'bash zsh fish' -d 'print the completion script for SHELL'
complete -c sccshell -n $opt -s p -l profile -x -a '(__sccshell_profiles)' -d 'connect the connections of profile NAME first'
complete -c sccshell -n $opt -l profile-file -r -F -d 'read profiles from PATH'
complete -c sccshell -n $opt -l sandbox -d 'connect to the built-in sandbox tenant'
complete -c sccshell -n $opt -s c -l command -x -d 'run TEXT, print its output, exit'
complete -c sccshell -n $opt -s o -l output -x -a 'table list json jsonl csv yaml' -d 'output format'
complete -c sccshell -n $opt -l check -r -F -d 'parse and bind FILEs offline'
complete -c sccshell -n $opt -l list-profiles -d 'print one profile name per line'
complete -c sccshell -n $opt -l yes -d 'answer yes to confirmation prompts'
complete -c sccshell -n $opt -l log-file -r -F -d 'append a JSON-lines audit transcript to PATH'
complete -c sccshell -n $opt -l debug -d 'show tracebacks of internal errors'
# The script: .scc files and directories; more files after --check; anything after the script.
complete -c sccshell -n "$opt; and not __sccshell_in_check" -a '(__sccshell_scripts)'
complete -c sccshell -n __sccshell_in_check -F
complete -c sccshell -n "not $opt" -F
