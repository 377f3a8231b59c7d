#!/bin/sh
# Runs a browser in a private mount namespace whose /etc/hosts maps the lab's names to
# 127.0.0.1, so the browser and the native host it starts resolve them alike, with no test
# hook in either. The machine's own /etc/hosts is untouched. Needs root (CI runs as root).
#   TLS_DOCTOR_HOSTS=/path/to/hosts TLS_DOCTOR_BROWSER=/usr/bin/chromium with-lab-hosts.sh --flags…
# With TLS_DOCTOR_RESOLV_CONF, that file replaces /etc/resolv.conf too (the mail tests' own
# nameserver, for SRV and MX records).
# With TLS_DOCTOR_POLICIES, that directory is Chromium's /etc/chromium/policies (the admin's
# policies, `managed/*.json`, as Debian's Chromium reads them); with TLS_DOCTOR_FIREFOX_POLICIES,
# that directory is Firefox's /etc/firefox/policies (holding `policies.json`). Where the machine
# has no such directory, an overlay inside the namespace makes one: the machine's /etc stays as
# it was (the overlay's writable half is a tmpfs on `$TLS_DOCTOR_HOSTS.scratch`).
# With TLS_DOCTOR_FAKETIME (libfaketime's FAKETIME, such as `+400d`), the browser and all it
# starts (the native host too) run with that clock, as on a computer whose clock is wrong;
# TLS_DOCTOR_FAKETIME_LIB names libfaketime.so.1 when dpkg cannot.
# (Test drivers take the first plain argument for a URL, so the browser comes by environment.)
set -eu
: "${TLS_DOCTOR_HOSTS:?TLS_DOCTOR_HOSTS must name the hosts file to use}"
: "${TLS_DOCTOR_BROWSER:?TLS_DOCTOR_BROWSER must name the browser to run}"
if [ -n "${TLS_DOCTOR_FAKETIME:-}" ] && [ -z "${TLS_DOCTOR_FAKETIME_LIB:-}" ]; then
  TLS_DOCTOR_FAKETIME_LIB=$(dpkg -L libfaketime | grep '/libfaketime\.so\.1$' | head -n 1)
  export TLS_DOCTOR_FAKETIME_LIB
fi
exec unshare --mount --propagation private sh -c '
  set -eu
  # Makes directory $1 under /etc inside this namespace only: /etc is overlaid once with a
  # writable tmpfs (on "$TLS_DOCTOR_HOSTS.scratch"), so the machine'"'"'s /etc stays as it was.
  overlaid=""
  etc_dir() {
    [ -d "$1" ] && return 0
    if [ -z "$overlaid" ]; then
      scratch="${TLS_DOCTOR_HOSTS}.scratch"
      mkdir -p "$scratch"
      mount -t tmpfs tmpfs "$scratch"
      mkdir "$scratch/upper" "$scratch/work"
      mount -t overlay overlay -o "lowerdir=/etc,upperdir=$scratch/upper,workdir=$scratch/work" /etc
      overlaid=1
    fi
    mkdir -p "$1"
  }
  if [ -n "${TLS_DOCTOR_POLICIES:-}" ]; then
    etc_dir /etc/chromium/policies
    mount --bind "$TLS_DOCTOR_POLICIES" /etc/chromium/policies
  fi
  if [ -n "${TLS_DOCTOR_FIREFOX_POLICIES:-}" ]; then
    etc_dir /etc/firefox/policies
    mount --bind "$TLS_DOCTOR_FIREFOX_POLICIES" /etc/firefox/policies
  fi
  mount --bind "$TLS_DOCTOR_HOSTS" /etc/hosts
  if [ -n "${TLS_DOCTOR_RESOLV_CONF:-}" ]; then mount --bind "$TLS_DOCTOR_RESOLV_CONF" /etc/resolv.conf; fi
  if [ -n "${TLS_DOCTOR_FAKETIME:-}" ]; then
    # Wall-clock time only: timers and timeouts keep the real monotonic clock. Without
    # FAKETIME_FORCE_MONOTONIC_FIX=0 (which glibc builds turn on), every pthread_cond_timedwait
    # on the monotonic clock returns at once and Chromium spins: a minute to start instead of
    # a second.
    export LD_PRELOAD="$TLS_DOCTOR_FAKETIME_LIB" FAKETIME="$TLS_DOCTOR_FAKETIME" \
      FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_FORCE_MONOTONIC_FIX=0
  fi
  exec "$TLS_DOCTOR_BROWSER" "$@"' sh "$@"
