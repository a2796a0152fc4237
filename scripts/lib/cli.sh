# Sourced by the scripts in scripts/: help and argument checks that run before anything is built.
#   . "$(dirname "$0")/lib/cli.sh"; handle_help "$@"

# The script's header comment (the lines after the shebang that start with #), as its usage.
usage() {
  sed -n '2,/^[^#]/{/^#/{s/^# \{0,1\}//;p;}}' "$0"
}

# Prints the usage and exits 0 when -h or --help is among the arguments (those before a --).
handle_help() {
  local arg
  for arg in "$@"; do
    case "$arg" in
      --) return 0 ;;
      -h | --help) usage; exit 0 ;;
    esac
  done
}

# A usage error: the script's name, the problem, where the usage is; exit code 2.
die_usage() {
  echo "${0##*/}: $*" >&2
  echo "see: scripts/${0##*/} --help" >&2
  exit 2
}

# need_value OPTION "$@": the option's value must follow it (not missing, empty or another option).
need_value() {
  if [ $# -lt 2 ] || [ -z "$2" ] || [ "${2#--}" != "$2" ]; then
    die_usage "$1 needs a value"
  fi
}

# need_count NAME VALUE: a whole number of at least 1.
need_count() {
  [[ "$2" =~ ^[1-9][0-9]*$ ]] || die_usage "$1 must be a whole number of at least 1, got '$2'"
}

# need_tool PROGRAM [DEBIAN_PACKAGE]: stops, naming the package, when PROGRAM is not installed.
need_tool() {
  command -v "$1" >/dev/null || {
    echo "${0##*/}: $1 is missing (apt-get install ${2:-$1})" >&2
    exit 1
  }
}
