# bash completion for sccshell
#
# Install: sccshell --completions bash > ~/.local/share/bash-completion/completions/sccshell
# (or source this file from ~/.bashrc). Needs nothing but bash itself.

# Options that take a value in the next word (or after "=").
_sccshell_valued='-p --profile --profile-file -c --command -o --output --log-file --completions'
_sccshell_options='-h --help -p --profile --profile-file --sandbox -c --command -o --output
--check --list-profiles --yes --log-file --debug --completions --version'

# Append each line of stdin that starts with $1 to COMPREPLY (names may hold spaces).
# Callers feed it through < <(...): a pipe would run it in a subshell and lose COMPREPLY.
_sccshell_add() {
    local line
    while IFS= read -r line; do
        [[ -n $line && $line == "$1"* ]] && COMPREPLY+=("$line")
    done
}

# A leading ~ or ~/ as the shell would expand it; other words are used as typed.
_sccshell_tilde() {
    case $1 in
    "~") printf '%s\n' "$HOME" ;;
    "~/"*) printf '%s\n' "$HOME/${1#"~/"}" ;;
    *) printf '%s\n' "$1" ;;
    esac
}

# Profile names from `sccshell --list-profiles`, honouring a --profile-file on the line.
_sccshell_profiles() {
    local prefix=$1 file=$2 prog
    prog=$(_sccshell_tilde "${COMP_WORDS[0]}")
    # Ask the sccshell being completed; fall back to the one on PATH.
    if [[ $prog != */* ]] || [[ ! -x $prog ]]; then
        prog=sccshell
    fi
    if [[ -n $file ]]; then
        _sccshell_add "$prefix" < <(
            "$prog" --list-profiles --profile-file "$(_sccshell_tilde "$file")" 2>/dev/null
        )
    else
        _sccshell_add "$prefix" < <("$prog" --list-profiles 2>/dev/null)
    fi
}

_sccshell_files() {
    compopt -o filenames 2>/dev/null
    _sccshell_add "$1" < <(compgen -f -- "$1")
}

# .scc files and directories to descend into.
_sccshell_scripts() {
    compopt -o filenames 2>/dev/null
    _sccshell_add "$1" < <(
        compgen -d -- "$1"
        compgen -f -X '!*.scc' -- "$1"
    )
}

_sccshell() {
    COMPREPLY=()
    # Rejoin "--opt", "=", "value": bash splits words at the "=" of COMP_WORDBREAKS.
    local -a words=()
    local cword=0 i w n joined=
    for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
        w=${COMP_WORDS[i]}
        n=${#words[@]}
        if [[ $w == "=" && $n -gt 0 && ${words[n - 1]} == --* && ${words[n - 1]} != *=* ]]; then
            words[n - 1]+="="
            joined=1
        elif [[ -n $joined ]]; then
            words[n - 1]+=$w
            joined=
        else
            words+=("$w")
        fi
        ((i == COMP_CWORD)) && cword=$((${#words[@]} - 1))
    done
    local cur=${words[cword]} prev=
    ((cword > 0)) && prev=${words[cword - 1]}

    # The --profile-file given anywhere on the line, for profile names.
    local pfile=
    for ((i = 1; i < ${#words[@]}; i++)); do
        ((i == cword)) && continue
        case ${words[i]} in
        --profile-file) ((i + 1 != cword)) && pfile=${words[i + 1]} ;;
        --profile-file=*) pfile=${words[i]#--profile-file=} ;;
        esac
    done

    # Walk the words before the cursor: option values, --check files, the script.
    local in_check= script= only_args=
    for ((i = 1; i < cword; i++)); do
        w=${words[i]}
        if [[ -n $only_args ]]; then
            script=$w
            break
        fi
        case $w in
        --) only_args=1 ;;
        --check) in_check=1 ;;
        --*=*) in_check= ;;
        -?*)
            in_check=
            [[ " $_sccshell_valued " == *" $w "* ]] && ((i++))
            ;;
        *)
            if [[ -z $in_check ]]; then
                script=$w
                break
            fi
            ;;
        esac
    done
    # Everything after the script belongs to the script, not to sccshell.
    if [[ -n $script ]]; then
        _sccshell_files "$cur"
        return 0
    fi

    # The value of an option: "--opt value" or "--opt=value".
    local opt= value=$cur eq=
    if [[ -z $only_args && $cur == --*=* ]]; then
        opt=${cur%%=*}
        value=${cur#*=}
        # With "=" in COMP_WORDBREAKS bash replaces only the part after it.
        [[ $COMP_WORDBREAKS != *=* ]] && eq="$opt="
    elif [[ -z $only_args && " $_sccshell_valued " == *" $prev "* ]]; then
        opt=$prev
    fi
    case $opt in
    -o | --output)
        _sccshell_add "$value" < <(printf '%s\n' table list json jsonl csv yaml)
        ;;
    -p | --profile)
        _sccshell_profiles "$value" "$pfile"
        ;;
    --completions)
        _sccshell_add "$value" < <(printf '%s\n' bash zsh fish)
        ;;
    --profile-file | --log-file)
        _sccshell_files "$value"
        ;;
    -c | --command) ;; # free text: nothing to offer
    *) opt= ;;
    esac
    if [[ -n $opt ]]; then
        if [[ -n $eq ]]; then
            for ((i = 0; i < ${#COMPREPLY[@]}; i++)); do
                COMPREPLY[i]=$eq${COMPREPLY[i]}
            done
        fi
        return 0
    fi

    if [[ -z $only_args && $cur == -* ]]; then
        _sccshell_add "$cur" < <(printf '%s\n' $_sccshell_options)
    elif [[ -n $in_check ]]; then
        _sccshell_files "$cur"
    else
        _sccshell_scripts "$cur"
    fi
    return 0
}

complete -F _sccshell sccshell
