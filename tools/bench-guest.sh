#!/bin/bash
# The benchmark's guest side: phases with memdiag loaded and unloaded,
# interleaved, in one boot; prints ratios. Uses the selftests' helper
# module to time the kernel's own allocation paths from inside the kernel.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
rel=$(uname -r)
ko=$top/build/krel/$rel/kmod/memdiag.ko
helper=$top/build/krel/$rel/helper/memdiag_test_helper.ko
b=/sys/kernel/debug/memdiag_test/bench
rounds=${MEMDIAG_BENCH_ROUNDS:-11}
alloc_n=${MEMDIAG_BENCH_ALLOC_N:-200000}
fail_n=${MEMDIAG_BENCH_FAIL_N:-20000}
mmap_n=${MEMDIAG_BENCH_MMAP_N:-5000}
mmap_bin=$top/build/bench-mmap

# MEMDIAG_BENCH_MMAP_ONLY=1: only (d), the mmap/munmap phases.
# MEMDIAG_BENCH_PART=success: only the success paths, (a) in rounds of its
# own (unloaded, loaded) and (d)/(e): tools/bench.sh's second guest, whose
# clocks count instructions (QEMU -icount), so that a ratio there is
# memdiag's and not the host's.
# MEMDIAG_BENCH_PART=failure: only the failure phases (b), GET_ZONES (c) and
# the module's memory (f), for a change that leaves the success paths alone.
# MEMDIAG_BENCH_BPFTRACE=0: no bpftrace phases (they read "nan").
mmap_only=${MEMDIAG_BENCH_MMAP_ONLY:-0}
part=${MEMDIAG_BENCH_PART:-all}
case $part in all | success | failure) ;; *) echo "bench: MEMDIAG_BENCH_PART is all, success or failure, not '$part'" >&2; exit 2 ;; esac
rounds_s=0 rounds_m=$rounds
[ "$part" = success ] && mmap_only=1
# (a) in rounds of its own wherever instructions are counted.
[ "$part" = success ] || [ -n "${MEMDIAG_TCG_ICOUNT:-}" ] && rounds_s=$rounds
[ "$part" != failure ] || rounds_s=0 rounds_m=0
[ "$mmap_only" = 1 ] && rounds_a=0 || rounds_a=$rounds
use_bt=${MEMDIAG_BENCH_BPFTRACE:-1}
if [ "$use_bt" = 1 ] && [ "$rounds_a" -gt 0 ] && ! command -v bpftrace >/dev/null; then
	echo "bench: no bpftrace in this root (tools/bench.sh installs it): its phases are skipped" >&2
	use_bt=0
fi
tmp=$(mktemp -d)
fail_tsv=$tmp/fail.tsv mmap_tsv=$tmp/mmap.tsv alloc_tsv=$tmp/alloc.tsv
: >"$fail_tsv"
: >"$mmap_tsv"
: >"$alloc_tsv"
insmod "$helper"
loaded() { [ -d /sys/module/memdiag ]; }
load() { loaded || insmod "$ko" "$@"; }
unload() { ! loaded || rmmod memdiag; }
param() { echo "$2" >"/sys/module/memdiag/parameters/$1"; }
ns_per() { echo "$1" > $b; awk '{ printf "%.1f", $2 / $1 }' $b; }
die() { echo "bench: $*" >&2; exit 1; }

# The failure storm of one phase: a warm-up (what was just attached has its
# patched kernel text retranslated by TCG), then the timed run.
fail_warm_n=$(( fail_n / 10 > 0 ? fail_n / 10 : 1 ))
storm() { echo "fail $fail_warm_n 9" >$b; ns_per "fail $fail_n 9"; }

# bpftrace on warn_alloc, in the background: attached once it said so
# ("Attaching 1 probe..." before 0.24 or so, "Attached 1 probe" in sid's
# 0.27) and its kprobe is in the kernel's list; detached once it has
# exited and its kprobe is gone (memdiag is never loaded meanwhile).
kp_list=/sys/kernel/debug/kprobes/list
kprobes_on() { grep -c ' warn_alloc+' "$kp_list" 2>/dev/null || true; }
bt_pid='' bt_out=$tmp/bpftrace.out
bt_start() {
	local i=0
	[ "$(kprobes_on)" = 0 ] || die "a kprobe is on warn_alloc before bpftrace starts"
	bpftrace -e "$1" >"$bt_out" 2>&1 &
	bt_pid=$!
	until grep -Eq '^Attach(ing|ed) ' "$bt_out" && [ "$(kprobes_on)" != 0 ]; do
		kill -0 "$bt_pid" 2>/dev/null || { cat "$bt_out" >&2; die "bpftrace exited before attaching"; }
		i=$((i + 1))
		[ $i -lt 1200 ] || die "bpftrace did not attach in 120 s"
		sleep 0.1
	done
}
bt_stop() {	# sets bt_hits: how many hits bpftrace counted
	local i=0
	kill -INT "$bt_pid"
	wait "$bt_pid" || die "bpftrace failed: $(cat "$bt_out")"
	until [ "$(kprobes_on)" = 0 ]; do
		i=$((i + 1))
		[ $i -lt 300 ] || die "bpftrace's kprobe still there 30 s after it exited"
		sleep 0.1
	done
	bt_hits=$(awk '/\]: [0-9]+$/ { s += $NF } END { print s + 0 }' "$bt_out")
}
bt_count='kprobe:warn_alloc { @[arg3] = count(); }'
bt_kstack='kprobe:warn_alloc { @[kstack(16)] = count(); }'
md_totals() {	# failures memdiag counted, recorded and suppressed since load
	"$top/ctl/memdiagctl" failures --json | python3 -c '
import json, sys
t = json.load(sys.stdin)["totals"]
print(", ".join("%s %s" % (k, t.get(k)) for k in ("total", "recorded", "suppressed", "lost", "missed")))'
}

# One round: the failure phases, nothing attached, bpftrace counting,
# bpftrace counting stacks, memdiag counting, memdiag recording with a
# stack and without; forwards in odd rounds, backwards in even ones, so
# that drift within a round cancels. memdiag is loaded once a round for
# its three phases; the fast path (a) is timed unloaded in the first phase
# and loaded in the recording one.
phase() {	# phase NAME: sets f[NAME] (and the fast path's a_un, a_ld)
	case $1 in
	none)	unload; a_un=$(ns_per "alloc $alloc_n 0"); f[none]=$(storm) ;;
	btc|btk)
		unload
		if [ "$use_bt" = 1 ]; then
			if [ "$1" = btc ]; then bt_start "$bt_count"; else bt_start "$bt_kstack"; fi
			f[$1]=$(storm)
			bt_stop
			hits[$1]=$bt_hits
		else
			f[$1]=nan hits[$1]=-
		fi ;;
	mdc)	load rate_limit=0; param rate_limit 0; f[mdc]=$(storm) ;;
	mdr)	load rate_limit=1000000; param rate_limit 1000000; param stack_depth 16
		a_ld=$(ns_per "alloc $alloc_n 0"); f[mdr]=$(storm) ;;
	mdr0)	load rate_limit=1000000 stack_depth=0; param rate_limit 1000000
		param stack_depth 0; f[mdr0]=$(storm) ;;
	esac
}
declare -A f hits
m_un=() m_ld=() m_pg=() m_lp=()
for r in $(seq 1 "$rounds_a"); do
	order="none btc btk mdc mdr mdr0"
	[ $((r % 2)) = 1 ] || order="mdr0 mdr mdc btk btc none"
	md=
	for p in $order; do
		case $p in md*) ;; *) [ -z "$md" ] && loaded && md=$(md_totals) ;; esac
		phase "$p"
	done
	[ -z "$md" ] && loaded && md=$(md_totals)
	unload
	echo "${f[none]} ${f[btc]} ${f[btk]} ${f[mdc]} ${f[mdr]} ${f[mdr0]} $a_un $a_ld" >>"$fail_tsv"
	echo "round $r: alloc+free ns unloaded $a_un loaded $a_ld; failure ns: nothing ${f[none]}," \
	     "bpftrace count ${f[btc]} (hits ${hits[btc]}), kstack ${f[btk]} (hits ${hits[btk]})," \
	     "memdiag counting ${f[mdc]}, recording ${f[mdr]}, without stack ${f[mdr0]} ($md)" >&2
done

# (a) alone, in the success guest: the fast path unloaded and loaded (at
# the defaults), the order flipped every round; a warm-up run after each
# load, whose kernel text TCG retranslates.
alloc_phase() {	# alloc_phase unloaded|loaded
	unload
	[ "$1" = unloaded ] || load
	ns_per "alloc $((alloc_n / 10)) 0" >/dev/null
	ns_per "alloc $alloc_n 0"
}
for r in $(seq 1 "$rounds_s"); do
	if [ $((r % 2)) = 1 ]; then
		a_un=$(alloc_phase unloaded) a_ld=$(alloc_phase loaded)
	else
		a_ld=$(alloc_phase loaded) a_un=$(alloc_phase unloaded)
	fi
	unload
	echo "$a_un $a_ld" >>"$alloc_tsv"
	echo "round $r: alloc+free ns unloaded $a_un loaded $a_ld" >&2
done
rmmod memdiag_test_helper

# (d) the commit accounting's success path: mmap+munmap of 1 MiB, untouched.
# Each phase starts with a warm-up run (loading patches kernel text, which
# TCG retranslates) and keeps the best of 3 runs (other guests on the host
# only ever add time).
# Without address randomisation (setarch -R): where the mapping lands
# decides how much of the VMA tree each mmap and munmap walks and splits,
# which varied a process's instruction count by several per cent.
mmap_run() { setarch "$(uname -m)" -R "$mmap_bin" "$@"; }
mmap_best() {
	mmap_run 1000 >/dev/null
	for _ in 1 2 3; do mmap_run "$mmap_n"; done | sort -g | head -n 1
}
mmap_phase() {	# mmap_phase unloaded|loaded|pages|limits
	unload
	case $1 in
	loaded) load ;;
	pages) load commit_pages=1 ;;
	limits) load limit_probes=1 ;;
	esac
	mmap_best
}
for r in $(seq 1 "$rounds_m"); do
	# Odd rounds go unloaded, loaded, pages, limits; even rounds the other
	# way, so that drift within a round cancels.
	if [ $((r % 2)) = 1 ]; then
		m_un+=("$(mmap_phase unloaded)")
		m_ld+=("$(mmap_phase loaded)")
		m_pg+=("$(mmap_phase pages)")
		m_lp+=("$(mmap_phase limits)")
	else
		m_lp+=("$(mmap_phase limits)")
		m_pg+=("$(mmap_phase pages)")
		m_ld+=("$(mmap_phase loaded)")
		m_un+=("$(mmap_phase unloaded)")
	fi
	unload
	echo "${m_un[-1]} ${m_ld[-1]} ${m_pg[-1]} ${m_lp[-1]}" >>"$mmap_tsv"
	echo "round $r: mmap+munmap ns unloaded ${m_un[-1]} loaded ${m_ld[-1]}" \
	     "loaded with commit_pages=1 ${m_pg[-1]} with limit_probes=1 ${m_lp[-1]}" >&2
done

# (c) GET_ZONES against the kernel's own files, memdiag loaded.
# (f) the module's memory as it reports it (GET_STATUS), at the defaults
# and with the smallest ring: their difference over the records between
# them is a record's size, the rest what does not grow with ring_size.
mem_bytes() { "$top/ctl/memdiagctl" status --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["status"]["memory"])'; }
zones= memory=
if [ "$mmap_only" != 1 ]; then
	load
	zones=$(python3 "$top/tools/bench-zones.py")
	m_def=$(mem_bytes)
	r_def=$(cat /sys/module/memdiag/parameters/ring_size)
	unload
	load ring_size=16
	m_min=$(mem_bytes)
	unload
	memory=$(awk -v m="$m_def" -v r="$r_def" -v m16="$m_min" -v cpus="$(nproc)" \
		-v zones="$(awk '/^Node/ { z = $4 } /present/ && $2 > 0 && z { n++; z = "" } END { print n }' /proc/zoneinfo)" 'BEGIN {
		rec = (m - m16) / (r - 16)
		printf "(f) module memory at the defaults (ring_size %d): %d bytes, %.2f MiB: %.2f of the goal (<= 1.5 MiB)\n", r, m, m / 1048576, m / 1048576 / 1.5
		printf "    a record %.0f bytes (%d populated zones), the rest %.0f bytes (%d CPUs): from ring_size 16, %d bytes\n", rec, zones, m - r * rec, cpus, m16
	}')
fi
# Under QEMU -icount (tools/vm-run passes MEMDIAG_TCG_ICOUNT in) a guest
# nanosecond is an executed instruction.
clock=wall
[ -z "${MEMDIAG_TCG_ICOUNT:-}" ] || clock=instructions
python3 "$top/tools/bench_stats.py" report --clock "$clock" --alloc "$alloc_tsv" \
	"$rel" "$fail_tsv" "$mmap_tsv" "$zones"
[ -z "$memory" ] || echo "  $memory" | sed '2s/^/  /'
rm -rf "$tmp"
