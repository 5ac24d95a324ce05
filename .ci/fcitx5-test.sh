#!/usr/bin/env bash
# Chinese input through the system input method: fcitx5 with its pinyin
# engine, under Xvfb, typing into the running Accord window.
#
#   bash .ci/fcitx5-test.sh [INTAKE_SCREENSHOT.png]
#
# 1. Xvfb on a free display, a private D-Bus session, fcitx5 with a fresh
#    profile (keyboard-us + pinyin) in a temporary XDG_CONFIG_HOME.
# 2. Accord (debug binary, tiny-skia renderer) on a temporary SQLite file
#    with the example's accounts; log in as the mediator, open the intake
#    form (Ctrl+N), click the first party's name, Ctrl+Space, type
#    "wangjianguo", screenshot the candidate window, pick 王建国, save.
# 3. `accord cases list` on the same file: the new case's applicant must
#    be 王建国.
# 4. The mediation room of the new case: the entry field (id room_text, a
#    text_editor) gets 王建国 the same way; Enter records it, and the
#    recorded entry is read back from the database file. Enter while a
#    pinyin word is still being composed must not record anything.
# 5. Every process started here is stopped on exit (trap).
#
# Screenshots: the first one at $1 (default
# target/screenshots/fcitx5-intake.png), the others beside it (fcitx5-*.png).
# Exit code 0 only when every check passed.
#
# Environment:
#   ACCORD_BIN          the accord binary (default: the CI debug build)
#   FCITX5_PICK_KEYS    keys that turn the candidates of "wangjianguo" into
#                       王建国 with a fresh profile (default: by libime's
#                       version, see below)
#   FCITX5_KEEP_TMP=1   keep the temporary folder (logs, database)
set -euo pipefail
# The screenshot path is taken relative to where the script was called.
if [[ -n "${1:-}" && "$1" != /* ]]; then set -- "$PWD/$1" "${@:2}"; fi
cd "$(dirname "$0")/.."
ROOT=$PWD

# --- the private D-Bus session ----------------------------------------
# Everything runs inside dbus-run-session, so fcitx5 and the app share a
# session bus that nothing else sees, and the bus goes away with us.
if [[ -z "${ACCORD_FCITX5_IN_DBUS:-}" ]]; then
  if ! command -v dbus-run-session >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dbus dbus-x11 >/dev/null
  fi
  exec env ACCORD_FCITX5_IN_DBUS=1 dbus-run-session -- bash "$0" "$@"
fi

step() { printf '\n=== %s ===\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

# --- packages ---------------------------------------------------------
step "packages"
need=()
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
command -v fcitx5 >/dev/null 2>&1 || need+=(fcitx5)
[[ -d /usr/share/libime ]] && dpkg -s fcitx5-chinese-addons >/dev/null 2>&1 || need+=(fcitx5-chinese-addons)
command -v xdotool >/dev/null 2>&1 || need+=(xdotool)
command -v xwd >/dev/null 2>&1 || need+=(x11-apps)
command -v import >/dev/null 2>&1 || need+=(imagemagick)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
if ((${#need[@]})); then
  echo "installing: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${need[@]}" dbus-x11 >/dev/null
fi
echo "fcitx5 $(dpkg-query -W -f='${Version}' fcitx5), libimepinyin0 $(dpkg-query -W -f='${Version}' libimepinyin0)"

ACCORD_BIN=${ACCORD_BIN:-${CARGO_TARGET_DIR:-/var/tmp/accord-ci-target}/debug/accord}
[[ -x "$ACCORD_BIN" ]] || fail "no accord binary at $ACCORD_BIN (set ACCORD_BIN)"

SHOT_INTAKE=${1:-target/screenshots/fcitx5-intake.png}
[[ "$SHOT_INTAKE" = /* ]] || SHOT_INTAKE="$ROOT/$SHOT_INTAKE"
SHOT_DIR=$(dirname "$SHOT_INTAKE")
mkdir -p "$SHOT_DIR"

# Which keys pick 王建国 out of the candidates of "wangjianguo" with a
# fresh profile. libime 1.0.x (Debian 12) has no 王建国 phrase: its first
# page is 往见过 往建国 王建 望见 王翦 王坚 网监, so "3" takes 王建 and
# leaves "guo", whose candidates are 过 国 果 …, and "2" takes 国. Newer
# libime offers 王建国 itself second (往见过 first): "2" alone.
if [[ -z "${FCITX5_PICK_KEYS:-}" ]]; then
  case "$(dpkg-query -W -f='${Version}' libimepinyin0 2>/dev/null)" in
    1.0.*) FCITX5_PICK_KEYS="3 2" ;;
    *) FCITX5_PICK_KEYS="2" ;;
  esac
fi
echo "keys that pick 王建国: $FCITX5_PICK_KEYS"

# --- a temporary world: nothing of the real user is read or written ---
TMP=$(mktemp -d /tmp/accord-fcitx5.XXXXXX)
mkdir -p "$TMP"/{home,data,config,cache,runtime}
chmod 700 "$TMP/runtime"
export HOME=$TMP/home XDG_DATA_HOME=$TMP/data XDG_CONFIG_HOME=$TMP/config \
  XDG_CACHE_HOME=$TMP/cache XDG_RUNTIME_DIR=$TMP/runtime
unset ACCORD_DATABASE_URL ACCORD_USER ACCORD_PASSWORD LC_ALL LANGUAGE
export LANG=C.UTF-8 RUST_BACKTRACE=0
DB=$TMP/accord.sqlite3
PW=fcitx5-test-pw
# The app in Chinese whatever the machine's locale (the coordinates below
# are those of the Chinese labels): LANGUAGE picks the app's language and
# leaves LC_CTYPE alone. Not LANG=zh_CN.UTF-8: where that locale is not
# generated, Xlib's XIM falls back to the C locale and every text fcitx5
# commits is dropped (the field stays empty, no error anywhere).
APP_ENV=(env LANG=C.UTF-8 LANGUAGE=zh_CN)

PIDS=()
cleanup() {
  local rc=$?
  # Newest first: the app, fcitx5, then Xvfb; each by its own pid.
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill "${PIDS[i]}" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if ((rc != 0)); then
    for log in xvfb fcitx5 app; do
      [[ -f "$TMP/$log.log" ]] && { echo "--- $log.log (tail)"; tail -n 30 "$TMP/$log.log"; }
    done
  fi
  if [[ "${FCITX5_KEEP_TMP:-}" == 1 ]]; then echo "kept $TMP"; else rm -rf "$TMP"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- 1. Xvfb, fcitx5 ----------------------------------------------------
step "Xvfb on a free display"
# The window opens at its default 1200x800 at (0,0) (no window manager),
# so the screen is taller than 800 to show all of it.
n=99
while [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]]; do n=$((n + 1)); done
export DISPLAY=:$n
Xvfb "$DISPLAY" -screen 0 1366x900x24 -nolisten tcp >"$TMP/xvfb.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
xdotool getdisplaygeometry >/dev/null 2>&1 || fail "Xvfb did not start on $DISPLAY"
echo "DISPLAY=$DISPLAY $(xdotool getdisplaygeometry)"

shot() { # shot FILE: the whole screen as a PNG
  import -display "$DISPLAY" -window root "$1"
  echo "screenshot: $1"
}

step "fcitx5 with a fresh pinyin profile"
mkdir -p "$XDG_CONFIG_HOME/fcitx5"
cat >"$XDG_CONFIG_HOME/fcitx5/profile" <<'EOF'
[Groups/0]
Name=Default
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=Default
EOF
export XMODIFIERS=@im=fcitx GTK_IM_MODULE=fcitx QT_IM_MODULE=fcitx
# In the foreground (not -d) so that its pid is ours to stop.
fcitx5 --replace >"$TMP/fcitx5.log" 2>&1 &
PIDS+=($!)
# Ready when it answers on the bus and its pinyin engine is loaded.
for _ in $(seq 150); do
  grep -q 'Loaded addon pinyin' "$TMP/fcitx5.log" && fcitx5-remote >/dev/null 2>&1 && break
  sleep 0.1
done
grep -q 'Loaded addon pinyin' "$TMP/fcitx5.log" || fail "fcitx5 did not load its pinyin engine"
echo "fcitx5 is up (pid ${PIDS[-1]})"

# The input method fcitx5 has for the focused field: pinyin or keyboard-us.
expect_im() {
  local im=""
  for _ in $(seq 20); do
    im=$(fcitx5-remote -n 2>/dev/null || true)
    [[ "$im" == "$1" ]] && { echo "input method: $im"; return 0; }
    sleep 0.1
  done
  # What fcitx5 knows of the input contexts, for the log.
  dbus-send --session --print-reply --dest=org.fcitx.Fcitx5 /controller \
    org.fcitx.Fcitx.Controller1.DebugInfo 2>&1 | sed -n '1,40p' || true
  fail "the input method is '$im', expected '$1'"
}

# The candidate window must be shown and lie near the caret: its top-left
# within the given box (x0 y0 x1 y1, screen pixels).
# fcitx5 keeps its window mapped at 1x1 while it shows nothing.
candidate_window() { # prints "X Y WIDTH HEIGHT" of the shown candidate window
  local wid WINDOW X Y WIDTH HEIGHT SCREEN
  for wid in $(xdotool search --onlyvisible --name '^Fcitx5 Input Window$' 2>/dev/null || true); do
    eval "$(xdotool getwindowgeometry --shell "$wid")" # sets X Y WIDTH HEIGHT
    ((WIDTH > 10 && HEIGHT > 10)) && { echo "$X $Y $WIDTH $HEIGHT"; return 0; }
  done
  return 1
}
expect_candidates_near() {
  local x y w h
  read -r x y w h < <(candidate_window) || fail "no fcitx5 candidate window is shown"
  echo "candidate window at ($x,$y), ${w}x${h}"
  ((x >= $1 && x <= $3 && y >= $2 && y <= $4)) ||
    fail "the candidate window at ($x,$y) is not near the caret (expected within $1,$2 – $3,$4)"
}

click() { xdotool mousemove "$1" "$2" click 1; sleep 0.4; }
# Pinyin letters one by one, slowly enough for the candidate list.
type_slowly() { xdotool type --delay 80 "$1"; sleep 1; }

# --- 2. the app on a temporary database --------------------------------
step "a database with the example's accounts"
# A plain (unencrypted) file: `db migrate` makes it, `demo` adds the
# accounts admin / mediator / advisor (password $PW) and the example case.
# Only a mediator may start a mediation, so the test logs in as one.
"${APP_ENV[@]}" "$ACCORD_BIN" --db "$DB" db migrate
"${APP_ENV[@]}" ACCORD_PASSWORD=$PW "$ACCORD_BIN" --db "$DB" demo
cli() { "${APP_ENV[@]}" ACCORD_USER=mediator ACCORD_PASSWORD=$PW "$ACCORD_BIN" --db "$DB" "$@"; }
# The example's case names 王建国 too: only a case made here counts.
before=$(cli cases list | awk -F'\t' 'NR > 1 { print $1 }')
echo "cases before: $before"

step "the app"
"${APP_ENV[@]}" ICED_BACKEND=tiny-skia "$ACCORD_BIN" --db "$DB" >"$TMP/app.log" 2>&1 &
PIDS+=($!)
APP_PID=${PIDS[-1]}
WIN=""
for _ in $(seq 300); do
  WIN=$(xdotool search --onlyvisible --pid "$APP_PID" 2>/dev/null | head -n 1 || true)
  [[ -n "$WIN" ]] && break
  kill -0 "$APP_PID" 2>/dev/null || fail "the app exited"
  sleep 0.1
done
[[ -n "$WIN" ]] || fail "the app's window did not appear"
sleep 2 # the first frame
# No window manager: give the window the X keyboard focus (else winit
# sees no focus and neither typed keys nor the input method reach it).
xdotool windowfocus --sync "$WIN"
echo "window $WIN: $(xdotool getwindowgeometry "$WIN" | sed -n 's/.*Geometry: //p')"

step "log in as the mediator"
# Login screen: the accounts as buttons (admin, mediator, advisor), then
# the password field.
click 600 172 # 边文玲（调解员）
click 600 290 # 密码
xdotool type --delay 20 "$PW"
xdotool key Return
sleep 3
shot "$SHOT_DIR/fcitx5-login-done.png"

# --- the intake form ----------------------------------------------------
step "intake: 王建国 through pinyin"
xdotool key ctrl+n # 新建案件
sleep 2
click 324 507 # 当事人 1 · 姓名或名称
# (fcitx5 counts the field's input context as focused only from its first
# key on: winit makes the context when the field takes focus but tells the
# input method of the focus only on the window's FocusIn. So no check of
# the input method before this first key.)
xdotool key ctrl+space
expect_im pinyin
type_slowly wangjianguo
# The caret of the empty name field is at about (68, 497-517).
expect_candidates_near 55 480 140 560
shot "$SHOT_INTAKE"
for key in $FCITX5_PICK_KEYS; do xdotool key "$key"; sleep 0.7; done
shot "$SHOT_DIR/fcitx5-intake-committed.png"
candidate_window >/dev/null &&
  fail "the candidate window is still shown after picking (composition not finished)"

step "intake: the rest of the form, in English, and save"
xdotool key ctrl+space # back to keyboard-us
expect_im keyboard-us
# From the first party's name, Tab passes its eight other text fields (ID,
# phone, email, address, 民族, 职业, the agent's name and phone) and lands
# on the second party's name (pick lists take no focus).
for _ in 1 2 3 4 5 6 7 8 9; do xdotool key Tab; sleep 0.15; done
xdotool type --delay 30 "Li Si"
click 590 258 # 纠纷简要情况
xdotool type --delay 20 "Noise from the flat upstairs."
xdotool key ctrl+s # 保存案件
sleep 3
shot "$SHOT_DIR/fcitx5-intake-saved.png"

# --- 3. the CLI reads the saved case ------------------------------------
step "the case as the CLI lists it"
list=$(cli cases list)
printf '%s\n' "$list"
new_row=$(BEFORE=$before awk -F'\t' '
  BEGIN { n = split(ENVIRON["BEFORE"], b, "\n"); for (i = 1; i <= n; i++) old[b[i]] = 1 }
  NR > 1 && !($1 in old)' <<<"$list")
[[ -n "$new_row" ]] || fail "no new case was saved"
[[ $(wc -l <<<"$new_row") -eq 1 ]] || fail "more than one new case: $new_row"
NEW_CASE=$(cut -f1 <<<"$new_row")
parties=$(cut -f4 <<<"$new_row")
[[ "$parties" == "王建国 / Li Si" ]] ||
  fail "case $NEW_CASE has the parties '$parties', expected '王建国 / Li Si'"
echo "PASS intake: case $NEW_CASE, applicant 王建国"

# --- 4. the mediation room's entry field --------------------------------
step "room: 王建国 in the entry field (room_text)"
xdotool key alt+m # 开始调解, on the new case's page
sleep 3
click 1118 125 # 下一步: stage 2, 各方陈述, which has the entry form
sleep 2
click 740 367 # the entry field: 记录当事人所说的内容
xdotool key ctrl+space
expect_im pinyin
type_slowly wangjianguo
# The caret of the empty editor is at about (353, 331-349).
expect_candidates_near 340 320 420 400
shot "$SHOT_DIR/fcitx5-room.png"
# fcitx5 learnt 王建国 from the intake: it is the first candidate now.
xdotool key space
sleep 0.7
shot "$SHOT_DIR/fcitx5-room-committed.png"
xdotool key Return # 保存记录（Enter）
sleep 2
shot "$SHOT_DIR/fcitx5-room-recorded.png"

# The room's entries are not in the CLI: read them from the (plain)
# database file.
entries() {
  sqlite3 "$DB" "SELECT i.text FROM room_items i JOIN cases c ON c.id = i.case_id
                 WHERE c.number = '$NEW_CASE' ORDER BY i.id"
}
got=$(entries)
echo "entries of $NEW_CASE: $got"
[[ "$got" == "王建国" ]] || fail "the room recorded '$got', expected '王建国'"
echo "PASS room: entry 王建国 recorded"

step "room: Enter during composition commits the letters, records nothing"
type_slowly ceshi
xdotool key Return
sleep 1.5
shot "$SHOT_DIR/fcitx5-room-enter-composing.png"
got=$(entries)
[[ "$got" == "王建国" ]] || fail "Enter during composition recorded an entry: '$got'"
echo "PASS room: no entry recorded while composing"

step "all fcitx5 checks passed"
ls -1 "$SHOT_DIR"/fcitx5-*.png
