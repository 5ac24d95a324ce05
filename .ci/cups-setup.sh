#!/usr/bin/env bash
# cups-setup.sh - start a local-only CUPS scheduler (no systemd) and add a
# virtual PDF printer "AccordPDF" backed by cups-pdf.  Idempotent; must run as root.
# Printed PDFs land in /var/spool/cups-pdf/<user>/ (e.g. /var/spool/cups-pdf/root/).
set -euo pipefail

PRINTER="${PRINTER:-AccordPDF}"
PDF_OUT_BASE="/var/spool/cups-pdf"

if [ "$(id -u)" -ne 0 ]; then
  echo "cups-setup: must be run as root" >&2
  exit 1
fi

# --- 1. packages (only if something is missing) ------------------------------
if ! command -v lp >/dev/null 2>&1 || ! command -v lpadmin >/dev/null 2>&1 \
   || [ ! -x /usr/sbin/cupsd ] || [ ! -e /usr/lib/cups/backend/cups-pdf ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    cups cups-client cups-bsd printer-driver-cups-pdf
fi

# --- 2. configuration ----------------------------------------------------------
# cupsd: listen only on 127.0.0.1:631 + the local socket, no network browsing.
CUPSD_CONF=/etc/cups/cupsd.conf
conf_before="$(cksum < "$CUPSD_CONF")"
sed -i -E \
  -e 's/^[[:space:]]*Listen[[:space:]]+(localhost|\*|0\.0\.0\.0|\[::\]|::):631[[:space:]]*$/Listen 127.0.0.1:631/' \
  -e 's/^[[:space:]]*Port[[:space:]]+631[[:space:]]*$/Listen 127.0.0.1:631/' \
  -e 's/^[[:space:]]*Browsing[[:space:]]+(Yes|On|True)[[:space:]]*$/Browsing No/I' \
  "$CUPSD_CONF"
grep -q '^Listen /run/cups/cups.sock' "$CUPSD_CONF" || echo 'Listen /run/cups/cups.sock' >> "$CUPSD_CONF"
grep -q '^Listen 127.0.0.1:631' "$CUPSD_CONF" || echo 'Listen 127.0.0.1:631' >> "$CUPSD_CONF"
conf_after="$(cksum < "$CUPSD_CONF")"

# cups-pdf: output to a fixed, per-user directory (not ~/PDF), and use the
# `lp -t <title>` title for the file name.
PDF_CONF=/etc/cups/cups-pdf.conf
set_pdf_opt() {   # set_pdf_opt Key Value  -> replaces active or commented "Key ..." line
  local key="$1" val="$2"
  if grep -qE "^[#[:space:]]*${key}[[:space:]]" "$PDF_CONF"; then
    # replace the first matching line (active or commented), drop other active ones
    awk -v k="$key" -v v="$val" '
      BEGIN { done = 0 }
      $0 ~ "^[#[:space:]]*" k "[[:space:]]" {
        if (!done) { print k " " v; done = 1 }
        next
      }
      { print }' "$PDF_CONF" > "$PDF_CONF.tmp" && cat "$PDF_CONF.tmp" > "$PDF_CONF" && rm -f "$PDF_CONF.tmp"
  else
    echo "$key $val" >> "$PDF_CONF"
  fi
}
set_pdf_opt Out         "${PDF_OUT_BASE}/\${USER}"
set_pdf_opt AnonDirName "${PDF_OUT_BASE}/ANONYMOUS"
set_pdf_opt TitlePref   1
mkdir -p "${PDF_OUT_BASE}"
chmod 0755 "${PDF_OUT_BASE}"

# cups-pdf must run as root: backend mode 0700 owned by root.
chown root:root /usr/lib/cups/backend/cups-pdf
chmod 0700 /usr/lib/cups/backend/cups-pdf

# --- 3. start cupsd (daemonises itself; no systemd needed) ---------------------
scheduler_up() { lpstat -r 2>/dev/null | grep -q 'scheduler is running'; }
live_cupsd_pids() { { ps -C cupsd -o pid=,stat= 2>/dev/null || true; } | awk '$2 !~ /Z/ {print $1}'; }  # ignore zombies

mkdir -p /run/cups /var/spool/cups /var/log/cups
/usr/sbin/cupsd -t >/dev/null 2>&1 || { /usr/sbin/cupsd -t; exit 1; }   # config syntax check

if scheduler_up; then
  if [ "$conf_before" != "$conf_after" ]; then
    # running with an old cupsd.conf: make it re-read the config
    kill -HUP $(live_cupsd_pids) 2>/dev/null || true
    sleep 1
  fi
else
  # not answering: get rid of any hung instance, then start a fresh one
  pids="$(live_cupsd_pids)"
  if [ -n "$pids" ]; then
    kill $pids 2>/dev/null || true
    for _ in $(seq 1 50); do [ -z "$(live_cupsd_pids)" ] && break; sleep 0.1; done
  fi
  rm -f /run/cups/cups.sock /run/cups/cupsd.pid 2>/dev/null || true
  /usr/sbin/cupsd            # forks into the background and returns immediately
fi

# wait for the scheduler to answer (normally < 0.5 s)
for _ in $(seq 1 100); do scheduler_up && break; sleep 0.1; done
scheduler_up || { echo "cups-setup: cupsd did not come up" >&2; tail -n 30 /var/log/cups/error_log >&2 || true; exit 1; }

# --- 4. the AccordPDF printer ------------------------------------------------------
PPD=""
for p in /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd /usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd \
         /usr/share/ppd/cups-pdf/CUPS-PDF.ppd; do
  [ -f "$p" ] && { PPD="$p"; break; }
done
[ -n "$PPD" ] || { echo "cups-setup: cups-pdf PPD not found" >&2; exit 1; }

# lpadmin -p on an existing printer just modifies it -> idempotent
# The *_opt PPD carries cups-pdf options that OVERRIDE cups-pdf.conf
# (its defaults: Label=2, TitlePref=0, LogType=7 debug, PDFVer=1.2), so set them here:
#   TitlePref=1 -> file name comes from `lp -t <title>`
#   Label=2     -> "<title>-job_<N>.pdf" (unique per job, N = CUPS job id)
#   LogType=3   -> errors+status only (7 = debug, floods /var/log/cups/cups-pdf-*_log)
lpadmin -p "$PRINTER" -E -v cups-pdf:/ -P "$PPD" \
        -D "Accord virtual PDF printer" -o printer-is-shared=false \
        -o TitlePref=1 -o Label=2 -o LogType=3 -o PDFVer=1.4
cupsenable "$PRINTER"
cupsaccept "$PRINTER"

lpstat -p "$PRINTER" -a "$PRINTER"
echo "cups-setup: OK - printer $PRINTER ready; PDFs go to ${PDF_OUT_BASE}/<user>/"
