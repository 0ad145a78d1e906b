#!/usr/bin/python3
"""A stand-in for `goalwatch run` that speaks the same sd_notify protocol (DESIGN §10), so that the unit's
behaviour under systemd can be proven before the daemon exists: READY=1 after start-up, STATUS=, WATCHDOG=1
at half of WATCHDOG_USEC, RELOADING=1 + MONOTONIC_USEC on SIGHUP then READY=1, STOPPING=1 on SIGTERM.
SIGUSR1 makes it stop pinging the watchdog (a hung evaluation loop). With a socket from goalwatch.socket it
answers each connection with one line and closes it."""
import os, select, signal, socket, sys, time

def notify(*assignments):
    path = os.environ.get("NOTIFY_SOCKET")
    if not path:
        return
    if path.startswith("@"):
        path = "\0" + path[1:]
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
        s.sendto("\n".join(assignments).encode(), path)

credentials = sorted(os.listdir(os.environ["CREDENTIALS_DIRECTORY"])) if "CREDENTIALS_DIRECTORY" in os.environ else []
listener = None
if os.environ.get("LISTEN_PID") == str(os.getpid()) and int(os.environ.get("LISTEN_FDS", "0")) >= 1:
    listener = socket.socket(fileno=3)
summary = f"uid {os.getuid()}, credentials {','.join(credentials) or 'none'}, socket {os.environ.get('LISTEN_FDNAMES', 'none')}"
state = {"reloads": 0, "stalled": False, "stop": False, "reload": False}

# Signals wake the select below through this pipe (select itself is retried after a handler, PEP 475).
wakeup_read, wakeup_write = os.pipe()
os.set_blocking(wakeup_write, False)
signal.set_wakeup_fd(wakeup_write)
signal.signal(signal.SIGHUP, lambda *_: state.update(reload=True))
signal.signal(signal.SIGTERM, lambda *_: state.update(stop=True))
signal.signal(signal.SIGUSR1, lambda *_: state.update(stalled=True))

notify("READY=1", f"STATUS=stand-in ready: {summary}")
period = int(os.environ.get("WATCHDOG_USEC", "0")) / 2e6 or 3600
while not state["stop"]:
    if state["reload"]:
        state["reload"] = False
        notify("RELOADING=1", f"MONOTONIC_USEC={time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000}")
        state["reloads"] += 1
        notify("READY=1", f"STATUS=stand-in reloaded {state['reloads']}: {summary}")
    if not state["stalled"]:
        notify("WATCHDOG=1")
    readable, _, _ = select.select([wakeup_read] + ([listener] if listener else []), [], [], period)
    if wakeup_read in readable:
        os.read(wakeup_read, 64)
    if listener in readable:
        connection, _ = listener.accept()
        connection.sendall(f"stand-in answering on {os.environ.get('LISTEN_FDNAMES')}\n".encode())
        connection.close()
notify("STOPPING=1", "STATUS=stand-in stopping")
sys.exit(0)
