# Sourced by jreign's launchers: sets JREIGN_JAVA to a JDK 25+ `java`, found the way the build
# finds it (JAVA_HOME, then java on PATH, then the JDKs under /usr/lib/jvm, /opt/java and
# ~/.sdkman), or prints what to install and returns 1.

jreign_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1
}

jreign_find_java() {
  local candidate major
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null)" \
      /usr/lib/jvm/*/bin/java /opt/java/*/bin/java "$HOME"/.sdkman/candidates/java/*/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$(jreign_java_major "$candidate")
    case "$major" in ''|1.*) continue ;; esac
    if [ "$major" -ge 25 ] 2>/dev/null; then
      JREIGN_JAVA=$candidate
      export JREIGN_JAVA
      return 0
    fi
  done
  echo "jreign needs a JDK 25 or newer and found none (looked at JAVA_HOME, PATH, /usr/lib/jvm, /opt/java, ~/.sdkman)." >&2
  echo "Install one, e.g. 'apt-get install temurin-25-jdk' or 'sdk install java 25-tem', or set JAVA_HOME to it." >&2
  return 1
}
