#!/bin/sh
# Runs inside the container deploy/nspawn-probe.sh boots, as a oneshot unit under a real systemd (PID 1).
# Installs GoalWatch, starts goalwatch.service and drives it: start (READY=1), credentials, live security
# rating, reload, watchdog, kill -9, stop, socket activation, uninstall. Writes every observation and a
# PASS/FAIL line per check to /x/result.log, then powers the container off.
#
# /src is the repository (read-only), /probe-bin/goalwatch the binary, /x the shared work folder.
# PROBE_DAEMON=stand-in (default) runs deploy/probe/stand-in.py in place of `goalwatch run`, with
# `goalwatch check` as ExecStartPre= so the real binary still runs inside the sandbox; PROBE_DAEMON=real
# runs the unit as shipped, on deploy/goalwatch.yml with its webhook and HTTP source pointed at a loopback
# server (deploy/probe/receiver.py) and one always-firing rule, and also checks the journal entries, a
# refused reload, and the backup and restore of the store with sqlite3.
set -u
log=/x/result.log
failures=0
: > "$log"
say() { echo "$*" >> "$log"; }
check() { # check DESCRIPTION COMMAND...
  description=$1; shift
  if "$@" >> "$log" 2>&1; then say "PASS $description"; else say "FAIL $description"; failures=$((failures + 1)); fi
}
show() { systemctl show goalwatch.service -p "$1" --value; }
restarts_are() { test "$(show NRestarts)" = "$1"; }
# wait_for DESCRIPTION SECONDS COMMAND...: polls COMMAND every 0.2 s until it succeeds or time runs out.
wait_for() {
  description=$1; limit=$2; shift 2
  deadline=$(( $(date +%s) + limit ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then say "FAIL $description (not within ${limit}s)"; failures=$((failures + 1)); return 1; fi
    sleep 0.2
  done
  say "PASS $description"
}
mode=${PROBE_DAEMON:-stand-in}
say "== probe: $(systemctl --version | head -n 1), daemon: $mode"

say "== install"
if [ -f /x/goalwatch.deb ]; then
  mkdir -p /var/lib/dpkg/info /var/lib/dpkg/updates && touch /var/lib/dpkg/status /var/lib/dpkg/available
  # The container's dpkg database is empty: the host's libraries are there, dpkg just does not know it.
  check "dpkg installs the package" dpkg --force-depends -i /x/goalwatch.deb
  check "the package did not enable or start the service" sh -c '! systemctl is-enabled goalwatch.service && ! systemctl is-active goalwatch.service'
else
  check "install.sh installs" env BINARY=/probe-bin/goalwatch /src/deploy/install.sh install
fi
install -d -m 0700 /etc/credstore
for name in care-token hook-secret pagerduty-key; do printf 'probe-%s\n' "$name" > /etc/credstore/goalwatch.$name; done
printf 'https://hooks.slack.com/services/T000/B000/PROBE\n' > /etc/credstore/goalwatch.slack-url
chmod 0600 /etc/credstore/*
# api-token is deliberately absent: a credential missing from /etc/credstore must not stop the unit.

if [ "$mode" = real ]; then
  # The shipped configuration, with the marketing-oncall webhook and the care-api source on a loopback
  # server that records what it gets, and a rule that fires at once (routed to marketing-oncall).
  : > /x/receiver.log
  python3 /src/deploy/probe/receiver.py /etc/credstore/goalwatch.hook-secret /x/receiver.log /x/receiver.port &
  wait_for "the loopback receiver listens" 10 test -s /x/receiver.port
  port=$(cat /x/receiver.port)
  sed -i -e "s|https://hooks.example/goalwatch|http://127.0.0.1:$port/goalwatch|" \
    -e "s|https://care.example/api/kpis.json|http://127.0.0.1:$port/api/kpis.json|" /etc/goalwatch/goalwatch.yml
  cat > /etc/goalwatch/rules/probe.yml <<'RULES'
groups:
  - name: probe
    rules:
      - alert: ProbeCanary
        expr: vector(1)
        labels: {severity: warning}
        annotations: {summary: "the probe's canary"}
RULES
fi

if [ "$mode" = stand-in ]; then
  install -D -m 0644 /src/deploy/probe/stand-in.py /usr/lib/goalwatch-probe/stand-in.py
  mkdir -p /etc/systemd/system/goalwatch.service.d
  cat > /etc/systemd/system/goalwatch.service.d/probe.conf <<'DROPIN'
[Service]
ExecStartPre=/usr/bin/goalwatch check --config /etc/goalwatch/goalwatch.yml
ExecStart=
ExecStart=/usr/bin/python3 /usr/lib/goalwatch-probe/stand-in.py
DROPIN
fi
systemctl daemon-reload
check "systemd-analyze verify is clean" sh -c 'out=$(systemd-analyze verify goalwatch.service goalwatch.socket 2>&1); echo "$out"; [ -z "$out" ]'

say "== start"
check "systemctl start returns after READY=1" systemctl start goalwatch.service
check "the service is active (running)" systemctl is-active goalwatch.service
say "$(systemctl show goalwatch.service -p Type -p NotifyAccess -p StatusText -p WatchdogUSec -p TimeoutStopUSec -p DynamicUser -p Restart)"
say "$(systemctl status goalwatch.service --no-pager --lines=0 2>&1)"
if [ "$mode" = stand-in ]; then
  check "goalwatch check ran inside the sandbox and read its credentials" sh -c "journalctl -u goalwatch.service -o cat --no-pager | grep ': OK ('"
  check "the dynamic user sees its credentials in /run/credentials/goalwatch.service" sh -c "systemctl show goalwatch.service -p StatusText --value | grep -q 'credentials care-token,hook-secret,pagerduty-key,slack-url'"
else
  check "STATUS= is the daemon's summary" sh -c "systemctl show goalwatch.service -p StatusText --value | grep -E '^[0-9]+ goals? \([0-9]+ off track\), [0-9]+ firing, last evaluation .* outbox [0-9]+'"
  # ${file:/run/credentials/goalwatch.service/care-token} in a header of the care-api source.
  wait_for "the daemon expanded credential care-token into the care-api request" 30 \
    grep -qx 'GET /api/kpis.json authorization=Bearer probe-care-token' /x/receiver.log
  # secret_file: /run/credentials/goalwatch.service/hook-secret signs the webhook (after group_wait, 30 s).
  wait_for "the webhook is signed with credential hook-secret" 60 grep -qx 'POST /goalwatch signature ok alerts=ProbeCanary' /x/receiver.log
  cat /x/receiver.log >> "$log"

  say "== journal"
  check "journalctl finds the alert by GOALWATCH_EVENT=firing" sh -c \
    "journalctl -t goalwatch GOALWATCH_EVENT=firing GOALWATCH_ALERTNAME=ProbeCanary -o json --no-pager | grep -q '\"GOALWATCH_SEVERITY\":\"warning\"'"
  wait_for "and its delivery by GOALWATCH_EVENT=notified" 10 sh -c \
    "journalctl -t goalwatch GOALWATCH_EVENT=notified GOALWATCH_RECEIVER=marketing-oncall -o cat --no-pager | grep -q 'ProbeCanary'"
  journalctl -t goalwatch GOALWATCH_EVENT=firing -o verbose --no-pager >> "$log" 2>&1
  check "journalctl -x explains the entry from the installed catalog" sh -c \
    "journalctl -t goalwatch GOALWATCH_EVENT=firing -x --no-pager | grep -q 'Subject: Alert ProbeCanary is firing'"
  journalctl -t goalwatch GOALWATCH_EVENT=firing -x --no-pager >> "$log" 2>&1
  fingerprint=$(journalctl -t goalwatch GOALWATCH_EVENT=firing -o json --no-pager | python3 -c 'import json, sys; print(json.loads(sys.stdin.readline())["GOALWATCH_FINGERPRINT"])')
  check "the queries of docs/operations.md find the canary's entries" sh -c "
    journalctl -t goalwatch GOALWATCH_FINGERPRINT=$fingerprint -o cat --no-pager | grep -q 'ProbeCanary firing' &&
    journalctl -t goalwatch GOALWATCH_FINGERPRINT=$fingerprint -o cat --no-pager | grep -q 'Notified receiver' &&
    journalctl -t goalwatch GOALWATCH_LABEL_SEVERITY=warning -p warning -o cat --no-pager | grep -q 'ProbeCanary firing' &&
    journalctl -t goalwatch GOALWATCH_EVENT=firing GOALWATCH_EVENT=resolved -o cat --no-pager | grep -q 'ProbeCanary firing' &&
    journalctl -F GOALWATCH_ALERTNAME | grep -qx ProbeCanary"
  check "the hardened unit lets the daemon give its code pages back (madvise)" sh -c \
    "journalctl -u goalwatch.service MESSAGE='code pages released' -o json --no-pager | grep -q '\"GOALWATCH_MAPPINGS\":\"[1-9]'"
  journalctl -u goalwatch.service MESSAGE='code pages released' -o verbose --no-pager | grep -E 'MESSAGE=|GOALWATCH_(MAPPINGS|RESIDENT_KIB|DURATION_US)=' >> "$log" 2>&1
  say "resident size of the running service: $(grep -E '^(VmRSS|RssAnon|RssFile)' /proc/$(show MainPID)/status | tr -s '\t\n ' ' ')"
fi

say "== security (live)"
systemd-analyze security goalwatch.service --no-pager > /x/security.txt 2>&1
grep -v '^✓' /x/security.txt >> "$log"
check "live exposure is 1.5 or lower" sh -c "systemd-analyze security --threshold=15 goalwatch.service --no-pager >/dev/null"

say "== reload"
pid=$(show MainPID)
check "systemctl reload succeeds" systemctl reload goalwatch.service
if [ "$mode" = stand-in ]; then
  wait_for "the reload completed (RELOADING=1, then READY=1)" 10 sh -c "systemctl show goalwatch.service -p StatusText --value | grep -q 'reloaded 1'"
else
  # RELOADING=1 turns the unit to "reloading", READY=1 back to "active"; the daemon logs `reloaded`.
  wait_for "the reload completed (the journal says reloaded, the unit is active again)" 10 sh -c \
    "journalctl -u goalwatch.service MESSAGE=reloaded -o cat --no-pager | grep -q . && test \"\$(systemctl show goalwatch.service -p ActiveState --value)\" = active"
  journalctl -u goalwatch.service MESSAGE=reloaded -o json --no-pager >> "$log" 2>&1
  cp /etc/goalwatch/goalwatch.yml /x/goalwatch.yml.good
  echo 'unknown_key: 1' >> /etc/goalwatch/goalwatch.yml
  check "a reload with a broken configuration succeeds as a command" systemctl reload goalwatch.service
  wait_for "the refused reload shows in STATUS" 10 sh -c "systemctl show goalwatch.service -p StatusText --value | grep -q '; reload refused: /etc/goalwatch/goalwatch.yml:'"
  say "$(systemctl status goalwatch.service --no-pager --lines=0 2>&1)"
  check "the refusal is in the journal at priority err" sh -c \
    "journalctl -u goalwatch.service -p err MESSAGE='reload refused' -o cat --no-pager | grep -q ."
  journalctl -u goalwatch.service MESSAGE='reload refused' -o verbose --no-pager >> "$log" 2>&1
  check "the refused reload kept the process running" sh -c "test \"\$(systemctl show goalwatch.service -p MainPID --value)\" = $pid && systemctl is-active goalwatch.service"
  cp /x/goalwatch.yml.good /etc/goalwatch/goalwatch.yml
  systemctl reload goalwatch.service
  wait_for "a good reload clears the refusal from STATUS" 10 sh -c "! systemctl show goalwatch.service -p StatusText --value | grep -q 'reload refused'"
fi
check "the reload kept the process" test "$(show MainPID)" = "$pid"

say "== watchdog"
if [ "$mode" = stand-in ]; then
  kill -USR1 "$pid" # the stand-in stops pinging
  wait_for "a silent watchdog gets the service killed and restarted" 60 restarts_are 1
else
  kill -STOP "$pid" # a hung daemon: no pings; systemd's SIGABRT is followed by SIGCONT
  hung=$(date +%s)
  wait_for "a silent watchdog gets the service killed and restarted" 120 restarts_are 1
  say "restarted $(( $(date +%s) - hung )) s after the daemon hung"
  say "$(journalctl -u goalwatch.service -o cat --no-pager | grep -m 3 -E '^\*\*\* ')"
fi
wait_for "the restarted service is ready again" 30 systemctl is-active goalwatch.service
say "$(journalctl -u goalwatch.service -o cat --no-pager | grep -i -m 2 'watchdog')"
check "the restart got a new process" test "$(show MainPID)" != "$pid"

say "== kill -9"
systemctl kill -s KILL goalwatch.service
wait_for "a killed service is restarted (Restart=on-failure)" 30 restarts_are 2
wait_for "and ready again" 30 systemctl is-active goalwatch.service

if [ "$mode" = real ]; then
  say "== backup and restore"
  store=/var/lib/goalwatch/goalwatch.sqlite
  check "the store is in WAL mode" sh -c "test \"\$(sqlite3 $store 'PRAGMA journal_mode')\" = wal"
  check "sqlite3 .backup copies the store while the daemon runs" sqlite3 "$store" ".backup /x/backup.sqlite"
  check "the copy is consistent and holds the firing alert" sh -c \
    "test \"\$(sqlite3 /x/backup.sqlite 'PRAGMA integrity_check')\" = ok && sqlite3 /x/backup.sqlite 'SELECT key FROM alert_state' | grep -q ProbeCanary"
  check "VACUUM INTO writes a compacted copy while it runs" sqlite3 "$store" "VACUUM INTO '/x/vacuumed.sqlite'"
  systemctl stop goalwatch.service
  say "$(ls -ln /var/lib/private/goalwatch)"
  # The restore procedure of docs/operations.md.
  cp /x/backup.sqlite /var/lib/goalwatch/goalwatch.sqlite
  rm -f /var/lib/goalwatch/goalwatch.sqlite-wal /var/lib/goalwatch/goalwatch.sqlite-shm
  chown --reference=/var/lib/private/goalwatch /var/lib/goalwatch/goalwatch.sqlite
  check "the service starts on the restored store" systemctl start goalwatch.service
  check "and restores the firing alert from it" sh -c \
    "journalctl -u goalwatch.service _PID=\$(systemctl show goalwatch.service -p MainPID --value) MESSAGE=starting -o verbose --no-pager | grep -q 'GOALWATCH_RESTORED_ALERTS=1'"
  say "$(ls -ln /var/lib/private/goalwatch)"
fi

say "== stop"
check "systemctl stop returns" systemctl stop goalwatch.service
check "stopped cleanly (Result=success)" test "$(show Result)" = success
if [ "$mode" = real ]; then
  check "a clean stop leaves the store in one file (no -wal beside it)" \
    sh -c 'test -f /var/lib/private/goalwatch/goalwatch.sqlite && ! test -e /var/lib/private/goalwatch/goalwatch.sqlite-wal'
  journalctl -u goalwatch.service -n 4 -o short-precise --no-pager >> "$log" 2>&1
fi

say "== socket activation"
# The socket owns 127.0.0.1:9464 now, so the API must take it rather than bind the address itself.
sed -i 's/^  listen: 127.0.0.1:9464$/  listen: systemd/' /etc/goalwatch/goalwatch.yml
check "the configuration moves the API onto the socket" grep -q '^  listen: systemd$' /etc/goalwatch/goalwatch.yml
check "goalwatch.socket starts" systemctl start goalwatch.socket
if [ "$mode" = stand-in ]; then
  reply=$(python3 -c 'import socket; c = socket.create_connection(("127.0.0.1", 9464), timeout=20); print(c.makefile().readline().strip())' 2>&1)
  say "reply: $reply"
  check "a connection started the service, which got the socket named http" test "$reply" = "stand-in answering on http"
else
  reply=$(python3 -c 'import socket; c = socket.create_connection(("127.0.0.1", 9464), timeout=60); c.sendall(b"GET /healthz HTTP/1.0\r\n\r\n"); print(c.makefile().readline().strip())' 2>&1)
  say "reply: $reply"
  check "a connection started the service, whose API answered on the passed socket" sh -c "echo '$reply' | grep -q '^HTTP/1.[01] 200'"
fi
check "the service is active after the connection" systemctl is-active goalwatch.service
systemctl stop goalwatch.socket goalwatch.service

say "== uninstall"
if [ -f /x/goalwatch.deb ]; then
  check "dpkg removes the package" dpkg --force-depends -r goalwatch
else
  check "install.sh uninstalls" /src/deploy/install.sh uninstall
fi
rm -rf /etc/systemd/system/goalwatch.service.d && systemctl daemon-reload
check "the units are gone" sh -c '! systemctl cat goalwatch.service >/dev/null 2>&1'
check "the configuration is kept" test -f /etc/goalwatch/goalwatch.yml

if [ "$failures" -eq 0 ]; then say "PROBE PASSED"; else say "PROBE FAILED: $failures checks"; fi
systemctl poweroff --no-block
