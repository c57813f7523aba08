#!/bin/bash
#
# t/lint/sql.sh: keeps SQL in the database layer and the stores, and
# keeps it out of format strings (fossil's codecheck1, in spirit). Run by
# "make check"; prints TAP; exits non-zero on failure. Scans the C files
# (*.c, *.h) under lib/, fcgi/ and cli/, with comments removed:
#
#  query    mysql_query, mysql_real_query, mysql_send_query only in
#           lib/db*.c;
#  literal  string literals that start with SELECT, INSERT, UPDATE, DELETE
#           or REPLACE (any case, after leading white space) only in
#           lib/db*.c and lib/store_*.c;
#  format   no printf-family call (printf, snprintf, sprintf, asprintf,
#           their v/f/d forms, buf_addf, arena_printf) has a string
#           literal among its arguments that holds SELECT, INSERT, UPDATE,
#           DELETE, WHERE or VALUES as a word in upper case (the house
#           style of SQL) or starts like a statement in any case: SQL is
#           never built by a format string, not even in the stores.
#
# Calls and literals may span lines. The matchers first prove themselves
# on small bad and good samples in a temporary tree.
#
# TJG_SRCDIR is the source tree (default: two levels above this script).

set -u
SRCDIR=${TJG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/lint-sql.XXXXXX") || exit 1
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

# sources ROOT: the C files of ROOT/{lib,fcgi,cli}, relative to ROOT.
sources() {
	(cd "$1" && find lib fcgi cli -type f \( -name '*.c' -o -name '*.h' \) \
	    2>/dev/null | LC_ALL=C sort)
}

# check ROOT CHECK: prints "file:line: problem" for each finding of CHECK
# (query, literal or format) in the sources of ROOT; fails if any.
check() {
	local root=$1 what=$2 files
	mapfile -t files < <(sources "$root")
	(cd "$root" && perl -e '
		my $what = shift;
		my $str = qr/"(?:[^"\\\n]|\\.)*"/;
		my $chr = qr/\x27(?:[^\x27\\\n]|\\.)*\x27/;
		my $verb = qr/^(?:\s|\\[nrt])*(SELECT|INSERT|UPDATE|DELETE|REPLACE)(?:\s|\\[nrt])+[^\s"]/i;
		my $word = qr/\b(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES)\b/;
		my $call = qr/\b((?:v?(?:f|s|sn|as|d)?printf|buf_v?addf|arena_v?printf))\s*
		    (\((?:[^()"\x27]++|$str|$chr|(?2))*\))/x;
		my $bad = 0;

		sub lineof { my $s = substr($_[0], 0, $_[1]); 1 + ($s =~ tr/\n//) }
		sub blank { my $t = shift; $t =~ s/[^\n]/ /g; $t }

		for my $file (@ARGV) {
			open(my $fh, "<", $file) or die "$file: $!\n";
			local $/;
			my $src = <$fh>;
			close($fh);
			# Comments out (same length, so offsets keep their line);
			# string and character literals stay as they are.
			$src =~ s{($str|$chr)|(/\*.*?\*/|//[^\n]*)}
			    {defined $1 ? $1 : blank($2)}gse;
			if ($what eq "query") {
				next if $file =~ m{^lib/db[^/]*\.c$};
				(my $code = $src) =~ s{$str|$chr}{blank($&)}ge;
				while ($code =~ /\b(mysql_(?:real_|send_)?query)\b/g) {
					print "$file:", lineof($code, $-[0]),
					    ": $1 outside lib/db*.c\n";
					$bad = 1;
				}
			} elsif ($what eq "literal") {
				next if $file =~ m{^lib/(?:db[^/]*|store_[^/]*)\.c$};
				while ($src =~ /$chr|($str)/g) {
					next unless defined $1;
					my ($lit, $at) = (substr($1, 1, -1), $-[0]);
					next unless $lit =~ $verb;
					print "$file:", lineof($src, $at),
					    ": $1 literal outside lib/db*.c and ",
					    "lib/store_*.c\n";
					$bad = 1;
				}
			} else {
				while ($src =~ /$call/g) {
					my ($fn, $args, $at) = ($1, $2, $-[0]);
					while ($args =~ /$chr|($str)/g) {
						next unless defined $1;
						my $lit = substr($1, 1, -1);
						next unless $lit =~ $word ||
						    $lit =~ $verb;
						print "$file:", lineof($src, $at),
						    ": $fn() builds SQL ($1)\n";
						$bad = 1;
						last;
					}
				}
			}
		}
		exit $bad;
	' "$what" "${files[@]}")
}

# expect CHECK FILE STATUS DESC: runs CHECK on a tree holding only FILE
# (written from stdin); ok when it fails (STATUS 1) or passes (STATUS 0)
# as expected.
expect() {
	local what=$1 file=$2 want=$3 desc=$4 got
	rm -rf "$TMP/tree"
	mkdir -p "$TMP/tree/$(dirname "$file")"
	cat >"$TMP/tree/$file"
	check "$TMP/tree" "$what" >"$TMP/out" 2>&1
	got=$?
	[ "$got" -gt 1 ] && got=2	# perl died: never what we want
	[ "$got" -eq "$want" ]
	result $? "self-test: $desc"
	[ "$got" -ne "$want" ] && sed 's/^/# /' "$TMP/out"
}

# --- Self-test: every matcher on samples. -----------------------------
expect query fcgi/h_x.c 1 "mysql_real_query outside the database layer" <<'EOF'
static int f(MYSQL *m, const char *q) { return mysql_real_query(m,
    q, strlen(q)); }
EOF
expect query lib/store_x.c 1 "mysql_send_query in a store" <<'EOF'
int f(void) { return mysql_send_query (m, q, n); }
EOF
expect query lib/db_x.c 0 "mysql_real_query in lib/db*.c is fine" <<'EOF'
int f(void) { return mysql_real_query(m, q, n); }
EOF
expect query cli/x.c 0 "mysql_query in a comment or a string is fine" <<'EOF'
/* never call mysql_query() here */
// nor mysql_real_query
static const char *why = "no mysql_query";
EOF
expect literal cli/x.c 1 "a SELECT literal in the command-line tool" <<'EOF'
static const char *q =
    "  select id FROM address";
EOF
expect literal fcgi/x.h 1 "a REPLACE literal in a header" <<'EOF'
#define Q "\nREPLACE INTO t VALUES (?)"
EOF
expect literal lib/store_x.c 0 "SQL literals in a store are fine" <<'EOF'
static const char SQL_FIND[] =
    "SELECT id FROM address WHERE network_id = ?";
EOF
expect literal lib/x.c 0 "SQL words inside other literals are fine" <<'EOF'
static const char *a = "cannot select", *b = "\"DELETE\" button", c = '"';
static const char *d = "it's \" SELECT";
static const char *kind = "select", *e = "Delete";
EOF
expect format lib/store_x.c 1 "snprintf building a WHERE, across lines" <<'EOF'
	n = snprintf(buf, sizeof(buf),
	    "SELECT id FROM t "
	    "WHERE id = %d", id);
EOF
expect format lib/x.c 1 "arena_printf with nested parentheses" <<'EOF'
	q = arena_printf(r->a, name(f(x), y), "x IN (%s) AND "
	    "y = 1 VALUES", list);
EOF
expect format fcgi/x.c 1 "a lower-case statement in buf_addf" <<'EOF'
	buf_addf (&b, "delete from t where id = %lld", id);
EOF
expect format lib/x.c 0 "ordinary format strings are fine" <<'EOF'
	tmpl_setf(t, v, "Hits.%zu.street", i);
	snprintf(err, errlen, "%s: cannot update the selected values", f);
	log_err("DELETE of %s failed", name);	/* not a printf */
	/* snprintf(q, n, "DELETE FROM t WHERE a = %d", a); */
EOF

# --- The real tree. ---------------------------------------------------
cd "$SRCDIR" || { echo "Bail out! cannot cd to $SRCDIR"; exit 1; }
nsrc=$(sources . | wc -l)
result $((nsrc == 0)) "C sources found in $SRCDIR (lib, fcgi, cli: $nsrc)"
for what in query literal format; do
	case $what in
	query)	 desc="mysql_*query only in lib/db*.c" ;;
	literal) desc="SQL literals only in lib/db*.c and lib/store_*.c" ;;
	format)	 desc="no SQL built by a printf-family format string" ;;
	esac
	out=$(check . "$what" 2>&1)
	result $? "$desc"
	[ -n "$out" ] && echo "$out" | sed 's/^/# /'
done

echo "1..$n"
exit $failed
