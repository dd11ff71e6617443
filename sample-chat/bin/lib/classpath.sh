# Sourced by sample-chat/bin/chat and bin/chat-demo: sets JREIGN_CHAT_CLASSPATH to the module's
# classes and its runtime dependencies (target/chat.classpath, written by the build), building
# them first when anything is missing, or says what to run and returns 1.

jreign_chat_classpath_complete() {
  local classes="$1" cpfile="$2" entry
  [ -f "$classes/io/jreign/chat/ChatMain.class" ] && [ -s "$cpfile" ] || return 1
  IFS=: read -r -a entries < "$cpfile"
  for entry in "${entries[@]}"; do
    [ -e "$entry" ] || return 1
  done
}

jreign_chat_classpath() {
  local who="$1"
  local module root classes cpfile
  module="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  root="$(cd "$module/.." && pwd)"
  classes="$module/target/classes"
  cpfile="$module/target/chat.classpath"
  if ! jreign_chat_classpath_complete "$classes" "$cpfile"; then
    local build=(mvn -q -f "$root/pom.xml" -pl sample-chat -am package -DskipTests)
    if ! command -v mvn >/dev/null 2>&1; then
      echo "$who: sample-chat is not built and Maven (mvn) is not on PATH; install Maven 3.8+ and run: ${build[*]}" >&2
      return 1
    fi
    echo "$who: building sample-chat and the modules it needs (${build[*]}) ..." >&2
    "${build[@]}" >&2 || { echo "$who: the build failed; run it yourself to see why: ${build[*]}" >&2; return 1; }
    jreign_chat_classpath_complete "$classes" "$cpfile" \
      || { echo "$who: the build did not produce $cpfile" >&2; return 1; }
  fi
  JREIGN_CHAT_CLASSPATH="$classes:$(cat "$cpfile")"
  export JREIGN_CHAT_CLASSPATH
}
