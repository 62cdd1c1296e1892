# bash completion for pacta(1): commands, each command's flags and
# subcommands, record kinds, and ids read from the registry (the one given by
# --db, else $PACTA_DB, else ./pacta.db). Installed as
# /usr/share/bash-completion/completions/pacta; works without the
# bash-completion package too (source it).
#
# Ids come from 'pacta list KIND --json' (and 'pacta token list --json'),
# bounded by a timeout and silent on any error. Kinds whose keys contain '|'
# (memberships, actions, assessments) are not completed: the key would need
# quoting on the command line.

_pacta_commands="chair check compliance export help ingest init journal key list load log members
  merkle minutes party rebuild report retract search serve show status submissions token verify"
_pacta_kinds="parties organizations bodies memberships chairmanships documents sessions
  actions commitments assessments"

# The flags of a command (and subcommand), as 'pacta help COMMAND' gives them.
_pacta_flags() {
  case $1 in
    chair) echo --year ;;
    check) echo --list ;;
    compliance) echo --on --from --to --previous-from --previous-to ;;
    export) echo --format --out --org ;;
    ingest) echo --load --yes --replace --date --place --published ;;
    init) echo --sample ;;
    journal) echo --after --limit --reverse ;;
    key) echo --out ;;
    list) echo --org ;;
    load) echo --kind --date-format ;;
    log)
      case $2 in
        checkpoint) echo --key --origin --out ;;
        proof) echo --index --size --from --to ;;
        root) echo --size ;;
        tiles) echo --out --key --origin ;;
        cosign) echo --key --log-key --registry --old-checkpoint --out ;;
        *) echo --key --origin --out --log-key --registry --old-checkpoint --index --size \
          --from --to ;;
      esac ;;
    members | party) echo --on ;;
    retract) echo --reason ;;
    minutes) echo --format --out ;;
    report) echo --on --org --format --out ;;
    search) echo --kind --org --body --type --party --from --to --limit --offset --facets ;;
    serve) echo --listen --threads --cache-mb --request-timeout --trusted-proxy --lang --quiet ;;
    status) echo --on --all ;;
    submissions) echo --status --party --date --reason ;;
    token) echo --role --party --name ;;
    verify) echo --checkpoint --key --old-checkpoint --registry ;;
  esac
}

# Does this flag take a value (the next word)?
_pacta_takes_value() {
  case $1 in
    --db | --actor | --lang | --year | --on | --from | --to | --previous-from | --previous-to | --format | \
      --org | --date | --place | --published | --after | --limit | --out | --key | --origin | \
      --log-key | --registry | --old-checkpoint | --index | --size | --kind | --body | --type | --party | \
      --offset | --listen | --threads | --cache-mb | --request-timeout | --trusted-proxy | \
      --role | --name | --checkpoint | --bench-queries | --status | --reason | --date-format)
      return 0 ;;
  esac
  return 1
}

# Run pacta on the registry being completed for, quietly and briefly.
_pacta_run() {
  local -a argv=("$_pacta_bin")
  [[ -n $_pacta_db ]] && argv+=(--db "$_pacta_db")
  if type -P timeout >/dev/null; then
    timeout 2 "${argv[@]}" "$@" 2>/dev/null </dev/null
  else
    "${argv[@]}" "$@" 2>/dev/null </dev/null
  fi
}

# The keys of the live entities of a kind (either spelling), when they are plain ids.
_pacta_ids() {
  local kind field
  case $1 in
    parties | party) kind=parties field=code ;;
    organizations | organization) kind=organizations field=id ;;
    bodies | body) kind=bodies field=id ;;
    documents | document) kind=documents field=id ;;
    sessions | session) kind=sessions field=id ;;
    commitments | commitment) kind=commitments field=id ;;
    chairmanships | chairmanship) kind=chairmanships field=organization ;;
    *) return 0 ;;
  esac
  # The entities' own fields are the lines indented by six spaces.
  _pacta_run list "$kind" --json |
    sed -n "s/^      \"$field\": \"\\([^\"\\\\]*\\)\",\\{0,1\\}\$/\\1/p"
}

# The names of the tokens not revoked.
_pacta_tokens() {
  _pacta_run token list --json | awk '
    /^      "name": "/ { n = $2; gsub(/[",]/, "", n) }
    /^      "revoked": null/ { print n }'
}

_pacta_files() {
  compopt -o filenames 2>/dev/null
  mapfile -t COMPREPLY < <(compgen -f -- "$cur")
}

_pacta() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev='' tilde
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  # A word is completed as typed: a leading ~/ is still a literal one.
  # shellcheck disable=SC2088
  _pacta_bin=${COMP_WORDS[0]} tilde="~/"
  [[ $_pacta_bin == "$tilde"* ]] && _pacta_bin=$HOME/${_pacta_bin#"$tilde"}
  _pacta_db=
  COMPREPLY=()

  # The words before the cursor: global options, the command, its arguments.
  # '--flag=value' arrives as three words when '=' breaks words.
  local i w cmd='' db=''
  local -a args=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    case $w in
      --db=?*) db=${w#--db=} ;;
      -*)
        if _pacta_takes_value "$w" && ((i + 1 < COMP_CWORD)); then
          ((i++))
          if [[ ${COMP_WORDS[i]} == = ]] && ((i + 1 < COMP_CWORD)); then ((i++)); fi
          [[ $w == --db ]] && db=${COMP_WORDS[i]}
        fi
        ;;
      =) ;;
      *) if [[ -z $cmd ]]; then cmd=$w; else args+=("$w"); fi ;;
    esac
  done
  [[ $db == "$tilde"* ]] && db=$HOME/${db#"$tilde"}
  _pacta_db=$db

  # The value of a flag: '--flag VALUE', '--flag=VALUE' or '--flag=' just typed.
  local flag=
  if [[ $cur == = ]]; then
    flag=$prev cur=
  elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
    flag=${COMP_WORDS[COMP_CWORD - 2]}
  elif [[ $cur == --*=* ]]; then
    flag=${cur%%=*} cur=${cur#*=}
  else
    flag=$prev
  fi
  if [[ $flag == -* ]] && _pacta_takes_value "$flag"; then
    local words=
    case $flag in
      --db | --out | --key | --log-key | --checkpoint | --old-checkpoint | --registry | \
        --bench-queries)
        _pacta_files
        return 0 ;;
      --format)
        case $cmd in
          minutes) words="html md pdf" ;;
          report) words="html pdf" ;;
          *) words="json csv ics" ;;
        esac ;;
      --role) words="depositary delegate" ;;
      --lang) words="en ru" ;;
      --status) words="pending accepted rejected" ;;
      --kind)
        if [[ $cmd == load ]]; then
          words="parties organizations memberships bodies chairmanships chairmanship_recorded
            chairmanship_declined sessions session_attendance documents
            document_entry_into_force_conditions actions commitments assessments party_cities
            sources"
        else
          words="document session commitment assessment party body organization"
        fi ;;
      --date-format) words="yyyy-mm-dd dd.mm.yyyy" ;;
      --org) words=$(_pacta_ids organizations) ;;
      --party) words=$(_pacta_ids parties) ;;
      --body) words=$(_pacta_ids bodies) ;;
      --listen) words="127.0.0.1:8080 [::1]:8080 0.0.0.0:8080" ;;
      --year) words=$(date +%Y) ;;
      --on | --date | --published | --previous-from | --previous-to) words=$(date +%F) ;;
      --from | --to) [[ $cmd == log ]] || words=$(date +%F) ;;
    esac
    mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
    return 0
  fi

  if [[ -z $cmd ]]; then
    if [[ $cur == -* ]]; then
      mapfile -t COMPREPLY < <(compgen -W "--db --actor --lang --json --help --version" -- "$cur")
    else
      mapfile -t COMPREPLY < <(compgen -W "$_pacta_commands" -- "$cur")
    fi
    return 0
  fi

  if [[ $cur == -* ]]; then
    local json=--json
    [[ $cmd == help ]] && json=
    mapfile -t COMPREPLY < <(compgen -W "$(_pacta_flags "$cmd" "${args[0]}") $json" -- "$cur")
    return 0
  fi

  local n=${#args[@]} words=
  case $cmd in
    help) ((n == 0)) && words=$_pacta_commands ;;
    list) ((n == 0)) && words=$_pacta_kinds ;;
    show | retract)
      if ((n == 0)); then
        words=$_pacta_kinds
      elif ((n == 1)); then
        words=$(_pacta_ids "${args[0]}")
      fi ;;
    members | chair | compliance) ((n == 0)) && words=$(_pacta_ids organizations) ;;
    party) ((n == 0)) && words=$(_pacta_ids parties) ;;
    status) ((n == 0)) && words=$(_pacta_ids documents) ;;
    minutes) ((n == 0)) && words=$(_pacta_ids sessions) ;;
    report)
      if ((n == 0)); then
        words="document party organization"
      elif ((n == 1)); then
        case ${args[0]} in
          document) words=$(_pacta_ids documents) ;;
          party) words=$(_pacta_ids parties) ;;
          organization) words=$(_pacta_ids organizations) ;;
        esac
      fi ;;
    key) ((n == 0)) && words=generate ;;
    submissions) ((n == 0)) && words="list show accept reject" ;;
    merkle) ((n == 0)) && words="root inclusion consistency" ;;
    token)
      if ((n == 0)); then
        words="create list revoke"
      elif ((n == 1)) && [[ ${args[0]} == revoke ]]; then
        words=$(_pacta_tokens)
      fi ;;
    log)
      if ((n == 0)); then
        words="checkpoint cosign proof root tiles"
      elif ((n == 1)) && [[ ${args[0]} == proof ]]; then
        words="inclusion consistency"
      elif [[ ${args[0]} == cosign ]]; then
        _pacta_files
        return 0
      fi ;;
    load | ingest | verify)
      _pacta_files
      return 0 ;;
  esac
  mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
  return 0
}

complete -F _pacta pacta
