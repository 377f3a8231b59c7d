#!/bin/sh
# Runs a browser in a private mount namespace whose /etc/hosts maps the lab's names to
# 127.0.0.1, so the browser and the native host it starts resolve them alike, with no test
# hook in either. The machine's own /etc/hosts is untouched. Needs root (CI runs as root).
#   TLS_DOCTOR_HOSTS=/path/to/hosts TLS_DOCTOR_BROWSER=/usr/bin/chromium with-lab-hosts.sh --flags…
# With TLS_DOCTOR_RESOLV_CONF, that file replaces /etc/resolv.conf too (the mail tests' own
# nameserver, for SRV and MX records).
# (Test drivers take the first plain argument for a URL, so the browser comes by environment.)
set -eu
: "${TLS_DOCTOR_HOSTS:?TLS_DOCTOR_HOSTS must name the hosts file to use}"
: "${TLS_DOCTOR_BROWSER:?TLS_DOCTOR_BROWSER must name the browser to run}"
exec unshare --mount --propagation private sh -c '
  mount --bind "$TLS_DOCTOR_HOSTS" /etc/hosts
  if [ -n "${TLS_DOCTOR_RESOLV_CONF:-}" ]; then mount --bind "$TLS_DOCTOR_RESOLV_CONF" /etc/resolv.conf; fi
  exec "$TLS_DOCTOR_BROWSER" "$@"' sh "$@"
