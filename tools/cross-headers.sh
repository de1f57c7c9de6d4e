#!/bin/bash
# The arm64 kernel headers of one amd64 release root, for cross builds of
# memdiag.ko (tools/build-module.sh --cross): the newest headers of every
# arm64 kernel line the release serves, resolved from the archive's meta
# packages (no ABI number is written down), unpacked without touching the
# root's dpkg state. Prints one line per kernel:
#   RELEASE KREL NAME      (NAME: 6.1-arm64, 6.12-rt-arm64, 7.2-arm64-16k...)
# and the headers of KREL are at KDIR=/var/cache/memdiag-cross/tree/usr/src/
# linux-headers-KREL as the root sees it (tools/in-root.sh).
#
#   tools/cross-headers.sh RELEASE          resolve, fetch if it moved, list
#   tools/cross-headers.sh --kdir RELEASE KREL   KDIR of KREL (as above)
#
# The cache lives inside the root itself, at ROOT/var/cache/memdiag-cross:
# the builds run in the root (in-root.sh binds only the work tree), so the
# unpacked tree is found there at the same path, the absolute paths of the
# flavour's Makefile (the -common one it includes; 7.2's KBUILD_OUTPUT)
# rewritten to that path;
# and it goes when the root is made anew. apt runs in the root (its apt,
# its keys, the root's sources.list) with its own configuration there:
# arm64 as the native architecture, its own lists, cache and an empty dpkg
# status, so the root's own packages are never seen or changed. Each kernel
# takes its headers (arm64), their -common (all) and the amd64 build of
# linux-kbuild of the same version (Multi-Arch: foreign; unpacked with the
# rest rather than taken from the root, whose amd64 kernels may be at
# another version of that line). The lists are refreshed when older than
# MEMDIAG_CROSS_MAX_AGE seconds (default 12 hours, as the roots); the tree
# is unpacked anew only when a resolved version moved. A mirror lacking
# the newest .deb of a line (seen: bullseye-security listed 5.10.0-46-arm64
# without the file) gets the next older version, with a warning.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
MAX_AGE=${MEMDIAG_CROSS_MAX_AGE:-43200}
CROSS=/var/cache/memdiag-cross	# as the root sees it

die() { echo "cross-headers: $*" >&2; exit 1; }

if [ "${1:-}" = --kdir ]; then
	[ $# -eq 3 ] || die "usage: $0 --kdir RELEASE KREL"
	echo "$CROSS/tree/usr/src/linux-headers-$3"
	exit 0
fi
[ $# -eq 1 ] || { echo "usage: $0 RELEASE | --kdir RELEASE KREL" >&2; exit 2; }
rel=$1

# The meta packages of the arm64 kernel lines a release serves; one the
# archive does not have is skipped.
metas_of()
{
	case $1 in
	bullseye) echo linux-headers-arm64 ;;
	bookworm) echo linux-headers-arm64 linux-headers-6.12-arm64 ;;
	trixie | sid) echo linux-headers-arm64 linux-headers-rt-arm64 \
		linux-headers-cloud-arm64 linux-headers-arm64-16k ;;
	*) die "no arm64 cross builds for '$1' (amd64 releases only: $("$top/tools/release-root.sh" --list | xargs))" ;;
	esac
}
metas=$(metas_of "$rel")

root=$("$top/tools/release-root.sh" --path "$rel")
[ -e "$root/.memdiag-root" ] || die "no $rel root yet (tools/release-root.sh $rel)"
[ "$(cat "$root/.memdiag-arch" 2>/dev/null || echo amd64)" = amd64 ] ||
	die "$rel is not an amd64 root"
cache=$root$CROSS
mkdir -p "$cache/apt/lists/partial" "$cache/apt/cache/archives/partial" \
	"$cache/apt/sources.list.d"
# One at a time per release: the tree is swapped whole.
exec 9>"$cache/.lock"
flock 9

cat >"$cache/apt/apt.conf" <<EOF
APT::Architecture "arm64";
APT::Architectures { "arm64"; "amd64"; };
APT::Sandbox::User "root";
Acquire::Languages "none";
Acquire::Check-Valid-Until "false";
Dir::State "$CROSS/apt";
Dir::State::Lists "$CROSS/apt/lists";
Dir::State::status "$CROSS/apt/status";
Dir::Cache "$CROSS/apt/cache";
Dir::Etc::SourceList "$CROSS/apt/sources.list";
Dir::Etc::SourceParts "$CROSS/apt/sources.list.d";
EOF
: >>"$cache/apt/status"
in_root() { "$top/tools/in-root.sh" "$rel" -- "export APT_CONFIG=$CROSS/apt/apt.conf; $*"; }

# The root's sources (release-root.sh writes them: security included).
stamp=$cache/apt/updated
if ! cmp -s "$root/etc/apt/sources.list" "$cache/apt/sources.list" ||
	[ ! -e "$stamp" ] ||
	[ $(($(date +%s) - $(stat -c %Y "$stamp"))) -gt "$MAX_AGE" ]; then
	cp "$root/etc/apt/sources.list" "$cache/apt/sources.list"
	if in_root "apt-get -q update" >"$cache/apt/update.log" 2>&1; then
		touch "$stamp"
	elif [ -e "$cache/tree/.resolved" ]; then
		echo "cross-headers: apt-get update failed for $rel (log: $cache/apt/update.log); using the cached headers" >&2
	else
		cat "$cache/apt/update.log" >&2
		die "apt-get update failed for $rel"
	fi
fi

# Per meta package, each of its versions newest first (a mirror may lack
# the newest .deb: then the next one is taken, with a warning):
#   META KREL PKG VERSION COMMON KBUILD KBUILD_VERSION
# shellcheck disable=SC2016 # expanded in the root
candidates=$(in_root '
	for meta in '"$metas"'; do
		for mver in $(apt-cache madison "$meta" | awk -F"|" "{ print \$2 }"); do
			pkg=$(apt-cache show "$meta=$mver" | sed -n "s/^Depends: //p" |
				tr "," "\n" | sed "s/^ *//; s/ .*//" |
				grep -m1 "^linux-headers-")
			[ -n "$pkg" ] || { echo "no headers package behind $meta $mver" >&2; exit 1; }
			info=$(apt-cache show "$pkg=$mver" 2>/dev/null) || continue
			deps=$(echo "$info" | sed -n "s/^Depends: //p" | tr "," "\n" |
				sed "s/^ *//; s/ .*//")
			common=$(echo "$deps" | grep -m1 "^linux-headers-.*-common")
			kbuild=$(echo "$deps" | grep -m1 "^linux-kbuild-")
			kver=$mver
			apt-cache show "$kbuild:amd64=$kver" >/dev/null 2>&1 ||
				kver=$(apt-cache show --no-all-versions "$kbuild:amd64" |
					sed -n "s/^Version: //p")
			[ -n "$common" ] && [ -n "$kbuild" ] && [ -n "$kver" ] ||
				{ echo "cannot resolve $pkg $mver (common $common, kbuild $kbuild $kver)" >&2; exit 1; }
			echo "$meta ${pkg#linux-headers-} $pkg $mver $common $kbuild $kver"
		done
	done') || die "resolving $rel's arm64 headers failed"
[ -n "$candidates" ] || die "the archive has no arm64 headers for $rel"

if [ "$candidates" != "$(cat "$cache/tree/.candidates" 2>/dev/null)" ]; then
	echo "cross-headers: fetching $rel's arm64 headers" >&2
	new=$cache/tree.new
	# shellcheck disable=SC2016 # expanded in the root
	in_root '
		set -e
		cd '"$CROSS"'
		rm -rf debs tree.new
		mkdir debs tree.new
		: >tree.new/.resolved
		for meta in '"$metas"'; do
			echo "'"$candidates"'" | awk -v m="$meta" "\$1 == m" | {
				mkdir debs/$meta
				cd debs/$meta
				while read -r _ krel pkg ver common kbuild kver; do
					if apt-get -q download "$pkg=$ver" "$common=$ver" "$kbuild:amd64=$kver"; then
						echo "$krel $pkg $ver $common $kbuild $kver" >>../../tree.new/.resolved
						exit 0
					fi
					rm -f ./*.deb
					echo "cross-headers: $pkg $ver is not in the mirror; trying an older one" >&2
				done
				exit 1
			} || echo "cross-headers: no version of $meta could be fetched" >&2
		done
		for d in debs/*/*.deb; do dpkg -x "$d" tree.new; done
		# Not needed (KDIR is named), and absolute links out of the tree.
		rm -rf tree.new/lib tree.new/usr/share/doc' \
		>"$cache/fetch.log" 2>&1 || { cat "$cache/fetch.log" >&2; die "fetching $rel's arm64 headers failed"; }
	grep "^cross-headers:" "$cache/fetch.log" >&2 || true
	resolved=$(cat "$new/.resolved")
	[ -n "$resolved" ] || die "no arm64 headers of $rel could be fetched (log: $cache/fetch.log)"
	while read -r krel _ _ common _ _; do
		mk=$new/usr/src/linux-headers-$krel/Makefile
		# Its absolute paths (include /usr/src/...-common/Makefile;
		# 7.2 also KBUILD_OUTPUT=/usr/src/...): the root's path of the
		# unpacked ones.
		sed -i -E "s#(^|[ =])/usr/src/#\1$CROSS/tree/usr/src/#g" "$mk"
		if ! grep -q "^include $CROSS/tree/usr/src/$common/Makefile\$" "$mk" ||
			sed "s#$CROSS/tree/usr/src/##g" "$mk" | grep -q /usr/src/; then
			die "unexpected $mk: $(cat "$mk")"
		fi
		for l in scripts tools; do
			[ -e "$new/usr/src/linux-headers-$krel/$l" ] ||
				die "$krel: $l does not resolve inside the tree"
		done
	done <<<"$resolved"
	if bad=$(find "$new" -lname '/*' | head -n3) && [ -n "$bad" ]; then
		die "absolute links left in the unpacked tree: $bad"
	fi
	echo "$candidates" >"$new/.candidates"
	rm -rf "$cache/tree.old"
	[ ! -e "$cache/tree" ] || mv "$cache/tree" "$cache/tree.old"
	mv "$new" "$cache/tree"
	rm -rf "$cache/tree.old"
fi
resolved=$(cat "$cache/tree/.resolved")

while read -r krel _ ver _; do
	# 6.12.118+deb13-rt-arm64 -> 6.12-rt-arm64; 6.1.0-57-arm64 -> 6.1-arm64
	line=$(echo "$ver" | sed -E 's/^([0-9]+\.[0-9]+).*/\1/')
	flavour=$(echo "$krel" | sed -E 's/^[0-9.]+(-[0-9]+|\+deb[0-9]+)?-//')
	echo "$rel $krel $line-$flavour"
done <<<"$resolved"
