# A throw-away single-node Slurm cluster on 127.0.0.1 for tests, after ../shared/notes/slurm-local.md
# (measured on Debian 12). Source it, then:
#   slurm_install              Debian's munge, slurmctld, slurmd, slurm-client (no recommends) if missing
#   slurm_start DIR            munged + slurmctld + slurmd with a config generated in DIR (free ports),
#                              until the node is idle; exports SLURM_CONF
#   slurm_wait JOBID...        until every task of the jobs has ended; prints "JOBID STATE" per task
#   slurm_stop                 cancels every job, stops the three daemons it started, by PID
# Every daemon keeps its log in DIR/log. It needs root (slurmd runs jobs as their users), as in CI.

SLURM_PIDS=()      # munged, slurmctld, slurmd, as started
SLURM_CTLD_PID=
SLURM_DIR=

slurm_log() { echo "local-slurm: $*" >&2; }

slurm_install() {
  local missing=() p
  for p in munge slurmctld slurmd slurm-client; do
    [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) == "install ok installed" ]] || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  slurm_log "installing ${missing[*]}"
  # The packages' maintainer scripts try to start the system daemons: policy-rc.d forbids it.
  local policy=/usr/sbin/policy-rc.d made_policy=0 rc=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && made_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || rc=$?
  [[ $made_policy == 1 ]] && rm -f "$policy"
  return $rc
}

# Two free TCP ports on 127.0.0.1, so that several instances (or a real Slurm) do not collide.
slurm_free_ports() {
  python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))'
}

slurm_start() {
  SLURM_DIR=$1
  local d=$SLURM_DIR ctld_port slurmd_port dir
  # munged refuses a socket under a folder that not everyone may enter (mktemp -d makes 0700 ones).
  mkdir -p "$d" && chmod 755 "$d"
  dir=$(cd "$d" && pwd)
  while [[ $dir != / ]]; do
    [[ $(stat -c %A "$dir") == *[xt] ]] || { slurm_log "munged needs $dir to be o+x (chmod 755 it)"; return 1; }
    dir=$(dirname "$dir")
  done
  read -r ctld_port slurmd_port < <(slurm_free_ports)
  # munged wants its socket folder world-executable and its key, seed and log folders private.
  mkdir -p "$d/munge/sock" "$d/munge/etc" "$d/munge/lib" "$d/munge/log" "$d/state" "$d/spool/slurmd-localhost" "$d/run" "$d/log"
  chmod 755 "$d" "$d/munge" "$d/munge/sock"
  chmod 700 "$d/munge/etc" "$d/munge/lib" "$d/munge/log"
  mungekey --create --keyfile="$d/munge/etc/munge.key" 2>/dev/null || return 1
  local cpus mem
  cpus=$(nproc)
  mem=$(awk '/^MemAvailable:/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)
  cat >"$d/slurm.conf" <<CONF
ClusterName=newsclipci
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$d/munge/sock/munge.socket.2
StateSaveLocation=$d/state
SlurmdSpoolDir=$d/spool/slurmd-%n
SlurmctldPidFile=$d/run/slurmctld.pid
SlurmdPidFile=$d/run/slurmd.pid
SlurmctldLogFile=$d/log/slurmctld.log
SlurmdLogFile=$d/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
DependencyParameters=kill_invalid_depend
CommunicationParameters=NoInAddrAny,NoCtldInAddrAny
EnforcePartLimits=ALL
ReturnToService=2
MinJobAge=300
KillWait=5
InactiveLimit=0
MaxArraySize=100001
MaxJobCount=200000
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=local Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF=$d/slurm.conf
  munged -F --socket="$d/munge/sock/munge.socket.2" --key-file="$d/munge/etc/munge.key" \
    --pid-file="$d/run/munged.pid" --log-file="$d/munge/log/munged.log" --seed-file="$d/munge/lib/munged.seed" \
    >"$d/log/munged.out" 2>&1 &
  SLURM_PIDS+=($!)
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -S $d/munge/sock/munge.socket.2 ]] && break
    sleep 0.05
  done
  [[ -S $d/munge/sock/munge.socket.2 ]] || { slurm_log "munged did not start:"; cat "$d/log/munged.out" "$d/munge/log/munged.log" >&2; return 1; }
  slurmctld -D -c -f "$d/slurm.conf" >"$d/log/slurmctld.out" 2>&1 &
  SLURM_CTLD_PID=$!
  SLURM_PIDS+=($!)
  slurmd -D -N localhost -f "$d/slurm.conf" >"$d/log/slurmd.out" 2>&1 &
  SLURM_PIDS+=($!)
  for ((i = 0; i < 300; i++)); do
    [[ $(sinfo -h -N -o %T 2>/dev/null) == idle ]] && return 0
    for pid in "${SLURM_PIDS[@]}"; do
      kill -0 "$pid" 2>/dev/null || { slurm_log "a daemon (PID $pid) exited"; slurm_show_logs; return 1; }
    done
    sleep 0.1
  done
  slurm_log "the node is not idle after 30 s: $(sinfo -h -N -o '%T %E' 2>&1)"
  slurm_show_logs
  return 1
}

slurm_show_logs() {
  local f
  for f in "$SLURM_DIR"/log/*; do
    echo "---- $f (last 20 lines)" >&2
    tail -n 20 "$f" >&2
  done
}

# The state of every task of the jobs, as "JOBID[_TASK] STATE" lines, once none is pending or running.
# Returns 1 after `timeout` seconds (default 300).
slurm_wait() {
  local deadline=$((SECONDS + ${SLURM_WAIT_TIMEOUT:-300})) out
  while ((SECONDS < deadline)); do
    out=$(for id in "$@"; do scontrol -o show job "$id"; done 2>&1) || true
    if ! grep -qE 'JobState=(PENDING|RUNNING|CONFIGURING|COMPLETING|SUSPENDED|REQUEUED)' <<<"$out"; then
      sed -nE 's/^JobId=([0-9]+) (ArrayJobId=([0-9]+) ArrayTaskId=([0-9]+) )?.*JobState=([A-Z_]+).*/\1 \3_\4 \5/p' <<<"$out" |
        awk '{ print ($2 == "_" ? $1 : $2), $3 }'
      return 0
    fi
    sleep 0.2
  done
  slurm_log "jobs $* still not finished after ${SLURM_WAIT_TIMEOUT:-300} s:"
  echo "$out" >&2
  return 1
}

slurm_stop() {
  [[ ${#SLURM_PIDS[@]} -eq 0 ]] && return 0
  local i pid
  # Running jobs outlive slurmd (slurmstepd is not its child): cancel them first (when slurmctld
  # is up: the clients retry a dead one for many seconds).
  if [[ -n $SLURM_CTLD_PID ]] && kill -0 "$SLURM_CTLD_PID" 2>/dev/null; then
    scancel --partition=local 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      [[ -z $(squeue -h 2>/dev/null) ]] && break
      sleep 0.1
    done
  fi
  # Stop in reverse order and watch the PIDs themselves (the daemons delete their pid files early).
  for ((i = ${#SLURM_PIDS[@]} - 1; i >= 0; i--)); do kill -TERM "${SLURM_PIDS[i]}" 2>/dev/null || true; done
  for pid in "${SLURM_PIDS[@]}"; do
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.05
    done
    kill -0 "$pid" 2>/dev/null && { slurm_log "PID $pid did not stop on TERM: KILL"; kill -KILL "$pid" 2>/dev/null || true; }
    wait "$pid" 2>/dev/null || true
  done
  SLURM_PIDS=()
  SLURM_CTLD_PID=
}
