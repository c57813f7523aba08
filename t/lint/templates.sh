#!/bin/bash
#
# t/lint/templates.sh: lint of the ClearSilver templates and language files
# under tmpl/, run by "make check". Prints TAP; exits non-zero on failure.
#
#  - tmpl/**/*.cs and *.hdf: no uvar:, alt:, lvar:, evar: (they write
#    unescaped or run data as template code), no Config.DebugEnabled or
#    DumpPassword;
#  - tmpl/**/*.cs: no inline <script>, no <style> element, no style=
#    attribute, no on*= event handler attribute, no javascript: URL (the
#    CSP allows none of them);
#  - tmpl/lang/sv.hdf and en.hdf define the same set of keys, and every L.*
#    text a template reads is defined.
#
# The matchers first prove themselves on small bad and good samples in a
# temporary directory, so a broken matcher cannot pass silently.
#
# TJG_SRCDIR is the source tree (default: two levels above this script).

set -u
SRCDIR=${TJG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/lint-templates.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

n=0
failed=0

# result STATUS DESCRIPTION: one TAP line; STATUS 0 is ok.
result() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=1
	fi
}

# diag: copies stdin to TAP comments.
diag() {
	sed 's/^/# /'
}

# cs_commands FILE: prints forbidden ClearSilver commands and debug
# switches with their line; fails if there are any. A command may follow
# "<?cs" after any white space, newlines included.
cs_commands() {
	perl -0777 -ne '
		my $bad = 0;
		sub line { my $s = substr($_, 0, $_[0]); 1 + ($s =~ tr/\n//) }
		while (/<\?cs\s*(uvar|alt|lvar|evar)\s*[:!]/g) {
			print "$ARGV:", line($-[0]), ": <?cs $1: is not allowed\n";
			$bad = 1;
		}
		while (/<\?cs\s*escape\s*:\s*"(none)"/g) {
			print "$ARGV:", line($-[0]),
			    ": escape: \"$1\" turns HTML escaping off\n";
			$bad = 1;
		}
		while (/(Config\.DebugEnabled|DumpPassword)/g) {
			print "$ARGV:", line($-[0]), ": $1 is not allowed\n";
			$bad = 1;
		}
		exit $bad;
	' "$1"
}

# markup FILE: prints inline script, style and event handlers with their
# line; fails if there are any. ClearSilver tags are blanked first (keeping
# their newlines), so "<?cs ... ?>" inside a tag does not hide what follows.
markup() {
	perl -0777 -ne '
		my $bad = 0;
		sub line { my $s = substr($_, 0, $_[0]); 1 + ($s =~ tr/\n//) }
		s{<\?cs.*?\?>}{ my $t = $&; " " . ("\n" x ($t =~ tr/\n//)) }gse;
		while (/<script\b([^>]*)>/gi) {
			next if $1 =~ /\bsrc\s*=/i;
			print "$ARGV:", line($-[0]), ": inline <script>\n";
			$bad = 1;
		}
		while (/<style\b/gi) {
			print "$ARGV:", line($-[0]), ": <style> element\n";
			$bad = 1;
		}
		while (/javascript:/gi) {
			print "$ARGV:", line($-[0]), ": javascript: URL\n";
			$bad = 1;
		}
		while (/<[a-z][^<>]*>/gis) {
			my ($tag, $at) = ($&, $-[0]);
			while ($tag =~ /\s(style|on[a-z]+)\s*=/gi) {
				print "$ARGV:", line($at + $-[0]),
				    ": $1= attribute\n";
				$bad = 1;
			}
		}
		exit $bad;
	' "$1"
}

# hdf_keys FILE: prints the sorted full names of the keys FILE defines:
# "a.b = v", "a.b << EOM" ... "EOM", "a.b : c" (link), "a.b := c" (copy),
# "a.b [attr] = v", and nested "a { b = v }" blocks. Comments and blank
# lines are skipped; any other line is an error on stderr.
hdf_keys() {
	awk '
		function full(k) { return depth ? prefix[depth] "." k : k }
		BEGIN { depth = 0; eom = ""; bad = 0 }
		eom != "" {
			line = $0; gsub(/^[ \t]+|[ \t\r]+$/, "", line)
			if (line == eom) eom = ""
			next
		}
		/^[ \t]*(#|$)/ { next }
		/^[ \t]*}[ \t]*$/ {
			if (depth == 0) { print FILENAME ":" NR ": unmatched }" > "/dev/stderr"; bad = 1 }
			else depth--
			next
		}
		match($0, /^[ \t]*[A-Za-z0-9_.*-]+/) {
			key = substr($0, RSTART, RLENGTH); gsub(/[ \t]/, "", key)
			rest = substr($0, RSTART + RLENGTH)
			sub(/^[ \t]*(\[[^]]*\])?[ \t]*/, "", rest)
			if (rest ~ /^\{[ \t]*$/) {
				p = full(key); prefix[++depth] = p; next
			}
			if (rest ~ /^<</) {
				eom = rest; sub(/^<<[ \t]*/, "", eom); gsub(/[ \t\r]+$/, "", eom)
				if (eom == "") { print FILENAME ":" NR ": << without a terminator" > "/dev/stderr"; bad = 1 }
				print full(key); next
			}
			if (rest ~ /^(=|:=|:)/) { print full(key); next }
		}
		{ print FILENAME ":" NR ": cannot parse: " $0 > "/dev/stderr"; bad = 1 }
		END {
			if (eom != "") { print FILENAME ": unterminated << " eom > "/dev/stderr"; bad = 1 }
			if (depth != 0) { print FILENAME ": unclosed {" > "/dev/stderr"; bad = 1 }
			exit bad
		}
	' "$1" | LC_ALL=C sort -u
	return "${PIPESTATUS[0]}"
}

# same_keys A B: fails, listing the differences, unless A and B define the
# same keys.
same_keys() {
	local ka kb
	ka=$(hdf_keys "$1") || return 1
	kb=$(hdf_keys "$2") || return 1
	[ -n "$ka" ] || { echo "$1: no keys"; return 1; }
	LC_ALL=C comm -3 <(echo "$ka") <(echo "$kb") |
	    sed "s|^\t|only in $2: |; t; s|^|only in $1: |" | grep . && return 1
	return 0
}

# texts_defined LANGFILE CSFILE...: fails, listing them, if a template
# reads an L.* text that LANGFILE does not define.
texts_defined() {
	local lang=$1 keys used
	shift
	keys=$(hdf_keys "$lang") || return 1
	used=$(perl -0777 -ne 'while (/<\?cs(.*?)\?>/gs) { my $t = $1;
	    next if $t =~ /^\s*#/;
	    print "$1\n" while $t =~ /(?<![\w.])L\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)/g }' \
	    "$@" | LC_ALL=C sort -u)
	LC_ALL=C comm -23 <(echo "$used") <(echo "$keys") |
	    sed "s|^|L.|; s|\$| is not in $lang|" | grep . && return 1
	return 0
}

# expect_fail DESC CMD...: ok when CMD fails (a bad sample is caught).
expect_fail() {
	local desc=$1
	shift
	"$@" >/dev/null 2>&1
	result $(($? == 0)) "self-test: $desc"
}

# expect_pass DESC CMD...: ok when CMD succeeds (a good sample passes).
expect_pass() {
	local desc=$1
	shift
	"$@" >"$TMP/out" 2>&1
	result $? "self-test: $desc"
	[ -s "$TMP/out" ] && diag <"$TMP/out"
}

# --- Self-test: every matcher on samples in $TMP. ---------------------
s=$TMP
printf '<?cs uvar:X ?>\n' >"$s/uvar.cs"
printf '<?cs alt:X ?>none<?cs /alt ?>\n' >"$s/alt.cs"
printf 'x <?cs\n  lvar : X ?>\n' >"$s/lvar.cs"
printf '<?cs evar!X ?>\n' >"$s/evar.cs"
printf '<?cs escape: "none" ?><?cs var:X ?><?cs /escape ?>\n' >"$s/escnone.cs"
printf 'Config.DebugEnabled = 1\n' >"$s/debug.hdf"
printf '<?cs set:Config.DumpPassword = "x" ?>\n' >"$s/dump.cs"
printf '<p>a</p>\n<SCRIPT>alert(1)</SCRIPT>\n' >"$s/script.cs"
printf '<style>p{}</style>\n' >"$s/styleel.cs"
printf '<p class="a"\n   style="color:red">x</p>\n' >"$s/style.cs"
printf '<input value="<?cs var:Q ?>" ONCLICK="x()">\n' >"$s/onclick.cs"
printf '<button type="submit"\n\tonfocus = "x()">go</button>\n' >"$s/onfocus.cs"
printf '<a href="javascript:void(0)">x</a>\n' >"$s/jsurl.cs"
cat >"$s/good.cs" <<'EOF'
<?cs # uvar: and alt: in a comment are text ?>
<p>Online styles: <?cs var:L.a ?> <?cs var:L.h ?> <?cs if:?X ?>on=off<?cs /if ?></p>
<img src="/static/a.png" alt="<?cs var:L.b.c ?>" data-onload="x">
<script src="/static/tjg.js"></script>
EOF
cat >"$s/sv.hdf" <<'EOF'
# comment
a = Hej
b.c = Hej
d {
  e = 1
  f {
    g << EOM
rad ett
  } not a block end
EOM
  }
}
h [Lang=sv] = x
EOF
cat >"$s/en.hdf" <<'EOF'
a = Hi
b {
 c = Hi
}
d.e = 1
d.f.g = one line
h = x
EOF
grep -v '^h ' "$s/en.hdf" >"$s/en_missing.hdf"
printf 'a = 1\nwhat is this\n' >"$s/broken.hdf"
printf 'a << EOM\nnever ends\n' >"$s/unterminated.hdf"

for f in uvar alt lvar evar escnone dump; do
	expect_fail "$f sample is caught" cs_commands "$s/$f.cs"
done
expect_fail "Config.DebugEnabled sample is caught" cs_commands "$s/debug.hdf"
for f in script styleel style onclick onfocus jsurl; do
	expect_fail "$f sample is caught" markup "$s/$f.cs"
done
expect_pass "good template passes the command check" cs_commands "$s/good.cs"
expect_pass "good template passes the markup check" markup "$s/good.cs"
expect_pass "dotted and nested keys compare equal" same_keys "$s/sv.hdf" \
    "$s/en.hdf"
expect_fail "a missing key is caught" same_keys "$s/sv.hdf" \
    "$s/en_missing.hdf"
expect_fail "an unparsable line is caught" hdf_keys "$s/broken.hdf"
expect_fail "an unterminated << is caught" hdf_keys "$s/unterminated.hdf"
expect_pass "L.* texts of a template are found" texts_defined \
    "$s/sv.hdf" "$s/good.cs"
expect_fail "an undefined L.* text is caught" texts_defined \
    "$s/en_missing.hdf" "$s/good.cs"

# --- The real tree. ---------------------------------------------------
cd "$SRCDIR" || { echo "Bail out! cannot cd to $SRCDIR"; exit 1; }
mapfile -t cs < <(find tmpl -type f -name '*.cs' | LC_ALL=C sort)
mapfile -t hdf < <(find tmpl -type f -name '*.hdf' | LC_ALL=C sort)
result $((${#cs[@]} == 0)) "templates found in $SRCDIR/tmpl (${#cs[@]})"

for f in "${cs[@]}" "${hdf[@]}"; do
	out=$(cs_commands "$f")
	result $? "$f: no uvar/alt/lvar/evar, no debug switches"
	[ -n "$out" ] && echo "$out" | diag
done
for f in "${cs[@]}"; do
	out=$(markup "$f")
	result $? "$f: no inline script, style or event handlers"
	[ -n "$out" ] && echo "$out" | diag
done
# A language is its main file plus one file a page group in lang/<l>/,
# each with its twin in the other language.
for l in sv en; do
	cat tmpl/lang/$l.hdf >"$TMP/all-$l.hdf"
	for f in tmpl/lang/$l/*.hdf; do
		[ -e "$f" ] && { echo; cat "$f"; } >>"$TMP/all-$l.hdf"
	done
done
for f in tmpl/lang/sv/*.hdf tmpl/lang/en/*.hdf; do
	[ -e "$f" ] || continue
	twin=tmpl/lang/$([ "${f#tmpl/lang/sv/}" != "$f" ] && echo en || echo sv)/${f##*/}
	[ -e "$twin" ]
	result $? "$f has its twin $twin"
done
out=$(same_keys "$TMP/all-sv.hdf" "$TMP/all-en.hdf" 2>&1)
result $? "tmpl/lang: sv and en define the same keys"
[ -n "$out" ] && echo "$out" | diag
if [ ${#cs[@]} -gt 0 ]; then
	out=$(texts_defined "$TMP/all-sv.hdf" "${cs[@]}" 2>&1)
	result $? "every L.* text the templates read is defined"
	[ -n "$out" ] && echo "$out" | diag
fi

echo "1..$n"
exit $failed
