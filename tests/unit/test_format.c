/* SPDX-License-Identifier: MIT */
/* The "format" assertions (src/schema/format.c), table-driven per format:
 * valid and invalid strings, including the tricky cases of the official
 * optional/format suite and a few of our own. */
#include "testutil.h"
#include "schema/format.h"

#include <string.h>

typedef struct fcase {
    const char *s;
    int valid;
    size_t len; /* 0: strlen(s); set for strings holding NUL */
} fcase;

#define V(str) { str, 1, 0 }
#define X(str) { str, 0, 0 }
#define XN(str) { str, 0, sizeof(str) - 1 }
#define VN(str) { str, 1, sizeof(str) - 1 }

static void run_cases(const char *format, const fcase *c, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        size_t len = c[i].len ? c[i].len : strlen(c[i].s);
        int got = pledge__format_check(format, c[i].s, len);
        ck_assert_msg(got == c[i].valid, "format %s, case %zu \"%s\": expected %d, got %d", format,
                      i, c[i].s, c[i].valid, got);
    }
}

#define RUN(format, table) run_cases(format, table, sizeof(table) / sizeof((table)[0]))

START_TEST(date)
{
    static const fcase c[] = {
        V("1963-06-19"), V("2020-01-31"), V("2021-02-28"), V("2020-02-29"), V("0400-02-29"),
        V("0001-01-01"), V("1582-10-10"), V("2020-04-30"), V("2020-12-31"), V("9999-12-31"),
        X("2020-01-32"), X("2020-02-30"), X("2021-02-29"), X("0100-02-29"), X("2100-02-29"),
        X("2020-04-31"), X("2020-06-31"), X("2020-09-31"), X("2020-11-31"), X("1998-13-01"),
        X("2024-00-15"), X("2024-01-00"), X("06/19/1963"), X("2013-350"), X("1998-1-20"),
        X("1998-01-1"), X("20230328"), X("2023-W01"), X("2023-W13-2"), X("2022W527"),
        X("2020-11-28T23:55:45Z"), X(" 2024-01-15"), X("2024-01-15 "), X(""),
        X("2020 -01-01"), X("2020-01-01X"), X("2020-01-01Z"), X("20-01-01"), X("998-01-01"),
        X("12020-01-01"), X("+2020-01-01"), X("-2020-01-01"), X("YYYY-01-01"),
        X("2020-001-01"), X("2020-01-001"), X("2020:01:01"), X("2020.01.01"),
        X("2020--01-01"), X("2147483648-01-01"), X("2020-01-0:"),
        X("1963-06-1\xe0\xa7\xaa"),     /* Bengali digit four */
        X("\xe0\xa7\xa8" "0-01-01"),    /* Bengali two: ten bytes, eight characters */
        X("2020\xe2\x80\x93" "01\xe2\x80\x93" "01"), /* en dashes */
        XN("2020-01-01\0"), XN("2020-01\0-01"),
    };
    RUN("date", c);
}
END_TEST

START_TEST(time)
{
    static const fcase c[] = {
        V("08:30:06Z"), V("08:30:06z"), V("23:59:60Z"), V("23:59:60+00:00"),
        V("01:29:60+01:30"), V("23:29:60+23:30"), V("15:59:60-08:00"), V("00:29:60-23:30"),
        V("23:20:50.52Z"), V("08:30:06.283185Z"), V("08:30:06+00:20"), V("08:30:06-08:00"),
        V("12:34:56-00:00"), V("00:00:00.000000000000001Z"),
        X("008:030:006Z"), X("8:3:6Z"), X("8:0030:6Z"), X("22:59:60Z"), X("23:58:60Z"),
        X("22:59:60+00:00"), X("23:58:60+00:00"), X("23:59:60+01:00"), X("23:59:60+00:30"),
        X("23:59:60-01:00"), X("23:59:60-00:30"), X("08:30:06-8:000"), X("24:00:00Z"),
        X("00:60:00Z"), X("00:00:61Z"), X("01:02:03+24:00"), X("01:02:03+00:60"),
        X("01:02:03Z+00:30"), X("08:30:06 PST"), X("01:01:01,1111"), X("12:00:00"),
        X("12:00:00.52"), X("1\xe0\xa7\xa8:00:00Z"), X("08:30:06#00:20"), X("ab:cd:ef"),
        X("2020-11-28T23:55:45Z"), X("12:00:00.Z"), X("12:00:00+01"), X("12:00:00Z\n"), X(""),
        XN("12:00:00Z\0"),
    };
    RUN("time", c);
}
END_TEST

START_TEST(date_time)
{
    static const fcase c[] = {
        V("1963-06-19T08:30:06.283185Z"), V("1963-06-19T08:30:06Z"),
        V("1937-01-01T12:00:27.87+00:20"), V("1990-12-31T15:59:50.123-08:00"),
        V("1998-12-31T23:59:60Z"), V("1998-12-31T15:59:60.123-08:00"),
        V("1963-06-19t08:30:06.283185z"), V("1985-04-12T00:59:59.999999999999999Z"),
        X("1998-12-31T23:59:61Z"), X("1998-12-31T23:58:60Z"), X("1998-12-31T22:59:60Z"),
        X("1990-02-31T15:59:59.123-08:00"), X("1990-12-31T15:59:59-24:00"),
        X("1963-06-19T08:30:06.28123+01:00Z"), X("1990-12-31T24:00:00Z"),
        X("1990-12-31T15:60:00Z"), X("1990-12-31T10:00:00+10:60"), X("06/19/1963 08:30:06 PST"),
        X("2013-350T01:01:01"), X("1963-6-19T08:30:06.283185Z"),
        X("1963-06-1T08:30:06.283185Z"), X("1963-06-1\xe0\xa7\xaaT00:00:00Z"),
        X("1963-06-11T0\xe0\xa7\xaa:00:00Z"), X("+11963-06-19T08:30:06.283185Z"),
        X("1985-04-12T23:20:50+01"), X("2016-12-31T24:59:60+01:00"),
        X("1985-04-12T23:20:50Z\n"), X("1985-04-12 23:20:50Z"), X("1985-04-12T"), X(""),
    };
    RUN("date-time", c);
}
END_TEST

START_TEST(duration)
{
    static const fcase c[] = {
        V("P4DT12H30M5S"), V("P4Y"), V("PT0S"), V("P0D"), V("P1M"), V("PT1M"), V("PT36H"),
        V("P1DT12H"), V("P2W"), V("P1Y2M3DT4H5M6S"), V("P1Y2M3D"), V("PT1H2M3S"), V("P1M2D"),
        V("PT1H30M"), V("P10Y10M10DT10H10M10S"), V("P1Y2M"), V("PT1H2M"), V("PT1M2S"),
        V("P01D"),
        V("P999999999999999999999999999999999999999999999999999999999999999999999999999999D"),
        X("PT1D"), X("4DT12H30M5S"), X("P"), X("P1YT"), X("PT"), X("P2D1Y"), X("P1D2H"),
        X("P2S"), X("P1Y2W"), X("P\xe0\xa7\xa8Y"), X("P1"), X("PT0.5S"), X(" P1D"), X("P1D "),
        X(""), X("P1Y2D"), X("PT1H2S"), X("-P1D"), X("P1D2T3H"), X("P1e2D"), X("P1D\n"),
        X("P1WT1H"), X("P0Y1W"), X("PT0,5S"), X("P-1D"), X("PW"), X("p1d"), X("P1M1M"),
        X("PT1S1M"),
    };
    RUN("duration", c);
}
END_TEST

START_TEST(email)
{
    static const fcase c[] = {
        V("joe.bloggs@example.com"), V("te~st@example.com"), V("~test@example.com"),
        V("test~@example.com"), V("\"joe bloggs\"@example.com"),
        V("\"joe..bloggs\"@example.com"), V("\"joe@bloggs\"@example.com"),
        V("\"a\\\"b\"@example.com"), V("joe.bloggs@[127.0.0.1]"), V("joe.bloggs@[IPv6:::1]"),
        V("te.s.t@example.com"), V("user@localhost"), V("!#$%&'*+-/=?^_`{|}~@example.com"),
        V("a@xn--9n2bp8q.xn--9t4b11yi5a"),
        X("2962"), X(".test@example.com"), X("test.@example.com"), X("te..st@example.com"),
        X("joe.bloggs@invalid=domain.com"), X("joe.bloggs@[127.0.0.300]"),
        X("user1@oceania.org, user2@oceania.org"),
        X("\"Winston Smith\" <winston.smith@recdep.minitrue> (Records Department)"),
        X("@example.com"), X("joe.bloggs@"), X("joe bloggs@example.com"),
        X("joe@example.com."), X("joe@-example.com"), X("joe@[IPv6:1::2::3]"),
        X("joe@[foo:bar]"), X("\"unterminated@example.com"), X("j\xc3\xb6@example.com"),
        X("joe@ex\xc3\xa4mple.com"),
        X("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com"),
        XN("joe@example.com\0"),
    };
    RUN("email", c);
}
END_TEST

START_TEST(idn_email)
{
    static const fcase c[] = {
        V("\xec\x8b\xa4\xeb\xa1\x80@\xec\x8b\xa4\xeb\xa1\x80.\xed\x85\x8c\xec\x8a\xa4\xed\x8a\xb8"),
        V("joe.bloggs@example.com"),
        V("\xce\xb4\xce\xbf\xce\xba\xce\xb9\xce\xbc\xce\xae@example.com"),
        V("\"\xce\xb4\xce\xbf\xce\xba\xce\xb9\xce\xbc\xce\xae\"@example.com"),
        V("user@cafe\xcc\x81.com"), V("\xc2\x80@example.com"), V("\xef\xbf\xbf@example.com"),
        V("\xf0\x9d\x95\x8f@example.com"),
        V("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com"),
        X("2962"), X("user\xef\xbc\xa0" "example.com"), X("\xff@example.com"),
        X("user@\xc3"), X("a..b@example.com"),
    };
    RUN("idn-email", c);
}
END_TEST

#define L63 "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk"

START_TEST(hostname)
{
    static const fcase c[] = {
        V("www.example.com"), V("hostname"), V("h0stn4me"), V("1host"), V("hostnam3"),
        V("host-name"), V("a--b.com"), V(L63 ".com"), V("xn--9n2bp8q.xn--9t4b11yi5a"),
        V("xn--zca29lwxobi7a"), V("xn--qmbc"), V("xn--ll-0ea"), V("xn--wva3je"),
        V("xn--4dbc5h"), V("xn--4dbc8h"), V("xn--k8j5u"), V("xn--bck0j"), V("xn--vek778f"),
        V("xn--ngba1o"), V("xn--0-gyc"), V("xn--11b2ezcw70k"), V("xn--11b2ezcs70k"),
        V("xn--ngba5hb2804a"), V("XN--9N2BP8Q"), V("xn--bcher-kva.example"),
        X(""), X("."), X(".example"), X("example."), X("example\xef\xbc\x8e" "com"),
        X("-hostname"), X("hostname-"), X("host_name"), X(L63 "l.com"),
        X(L63 "." L63 "." L63 "." L63 ".com"), X("example.com\n"),
        X("\xe2\x84\xaa" "elvin.example.com"), X("a..b"), XN("exa\0mple.com"),
        /* A-labels */
        X("xn--X"), X("xn--07jt112bpxg.xn--9t4b11yi5a"), X("xn--hello-txk"),
        X("xn--hello-zed"), X("xn--hello-6bf"), X("xn--chb89f"), X("xn--07jceefgh4c"),
        X("xn--al-0ea"), X("xn--l-fda"), X("xn--la-0ea"), X("xn--l-gda"), X("xn--S-jib3p"),
        X("xn--wva3j"), X("xn--A-2hc5h"), X("xn--5db1e"), X("xn--A-2hc8h"), X("xn--5db3e"),
        X("xn--defabc-k64e"), X("xn--vek"), X("xn--ngb6iyr"), X("xn--11b2er09f"),
        X("xn--02b508i"), X("XN--aa---o47jg78q"), X("xn--example-"), X("xn--"),
        X("xn---9uc"), X("xn--0ca24w"), X("0a.xn--4db"), X("b\xc3\xbc" "cher.example"),
        X("xn--zzzzzzzzzzzzzzzzzzzzzzzzzzzz"),
    };
    RUN("hostname", c);
}
END_TEST

/* ten times U+00FC */
#define U10 "\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc"

START_TEST(idn_hostname)
{
    static const fcase c[] = {
        V("\xec\x8b\xa4\xeb\xa1\x80.\xed\x85\x8c\xec\x8a\xa4\xed\x8a\xb8"), /* Hangul */
        V("xn--ihqwcrb4cv8a8dqg056pqjye"), V(L63), V("hostname"), V("a.b"),
        V("a\xe3\x80\x82" "b"), V("a\xef\xbc\x8e" "b"), V("a\xef\xbd\xa1" "b"),
        V("\xc3\x9f\xcf\x82\xe0\xbc\x8b\xe3\x80\x87"), /* PVALID exceptions */
        V("l\xc2\xb7l"), V("\xce\xb1\xcd\xb5\xce\xb2"), V("\xd7\x90\xd7\xb3\xd7\x91"),
        V("\xe3\x83\xbb\xe3\x81\x81"), V("\xd8\xa8\xd9\xa0\xd8\xa8"),
        V("\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8d\xe0\xa4\xb7"), /* ZWJ after virama */
        V("\xd8\xa8\xd9\x8a\xe2\x80\x8c\xd8\xa8\xd9\x8a"),             /* ZWNJ, joining */
        V("b\xc3\xbc" "cher.example"), V("\xd7\x90\xd7\x91.com"),
        X(""), X("."), X("\xe3\x80\x82"), X("a..b"), X("example\xe3\x80\x82"),
        X("\xef\xbc\x8e" "example"), X(L63 "a"), X("-> $1.00 <--"), X("xn--X"),
        X("XN--aa---o47jg78q"), X("-hello"), X("hello-"),
        X("\xe3\x80\xae\xec\x8b\xa4\xeb\xa1\x80"),        /* starts with U+302E */
        X("\xe0\xa4\x83hello"), X("\xcc\x80hello"), X("\xd2\x88hello"), /* marks first */
        X("\xd9\x80\xdf\xba"), X("a\xc2\xb7l"), X("\xce\xb1\xcd\xb5S"),
        X("A\xd7\xb3\xd7\x91"), X("def\xe3\x83\xbb" "abc"), X("\xd8\xa8\xd9\xa0\xdb\xb0"),
        X("\xe0\xa4\x95\xe2\x80\x8d\xe0\xa4\xb7"), X("0a.\xd7\x90"), X("0\xd8\xa7"),
        X("a\xd7\x90"), X("\xd7\x90" "0\xd9\xa0"), X("xn--7a"), X("xn--0ca24w"),
        X("xn--example-"), X("xn---9uc"), V("Hello"), X("B\xc3\xbc" "cher"), X("a b"),
        X("\xe2\x82\xac.com"),
        X("\xef\xbc\xa1.com"), X("\xc3"),
        X(U10 U10 U10 U10 U10 U10), /* A-label form of 66 octets */
        V(U10 U10 U10 U10 U10 "\xc3\xbc"), /* 57 */
    };
    RUN("idn-hostname", c);
}
END_TEST

START_TEST(ipv4)
{
    static const fcase c[] = {
        V("192.168.0.1"), V("0.0.0.0"), V("255.255.255.255"), V("200.0.0.0"),
        V("10.20.30.40"), V("249.250.251.199"),
        X("127.0.0.0.1"), X("256.256.256.256"), X("127.0"), X("127.1"), X("127.0.1"),
        X("0x7f000001"), X("2130706433"), X("1\xe0\xa7\xa8" "7.0.0.1"),
        X("\xef\xbc\x91\xef\xbc\x99\xef\xbc\x92.1.1.1"), X("192.168.1.0/24"), X(" 192.168.0.1"),
        X("192.168.0.1 "), X("192.168.0.1\n"), X("0x7f.0.0.1"), X("0o10.0.0.1"),
        X("192.168..1"), X(".192.168.0.1"), X("192.168.0.1."), X(""), X("+1.2.3.4"),
        X("-1.2.3.4"), X("1e2.0.0.1"), X("192.168.a.1"), X("192. 168.0.1"),
        X("192.168.0.1\t"), XN("192.168.0.1\0.evil.com"), X("192.168.0.1:80"),
        X("::ffff:192.168.0.1"), X("192.168.0.256"), X("087.10.0.1"), X("1.2.3.0400"),
        X("1.2.3.04"),
    };
    RUN("ipv4", c);
}
END_TEST

START_TEST(ipv6)
{
    static const fcase c[] = {
        V("::1"), V("::abef"), V("::"), V("::42:ff:1"), V("d6::"), V("1:d6::42"),
        V("1::d6:192.168.0.1"), V("1:2::192.168.0.1"), V("::ffff:192.168.0.1"),
        V("1:2:3:4:5:6:7:8"), V("1000:1000:1000:1000:1000:1000:255.255.255.255"),
        V("FE80::0202:B3FF:FE1E:8329"), V("1:2:3:4:5:6:7::"), V("::2:3:4:5:6:7:8"),
        X("12345::"), X("::abcef"), X("1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1"), X("::laptop"),
        X(":2:3:4:5:6:7:8"), X("1:2:3:4:5:6:7:"), X(":2:3:4::8"), X("1::d6::42"),
        X("1::2:192.168.256.1"), X("1::2:192.168.ff.1"), X("1:2:3:4:5:::8"), X("1:2:3:4:5:6:7"),
        X("1"), X("127.0.0.1"), X("1:2:3:4:1.2.3"), X("  ::1"), X("::1  "), X("fe80::/64"),
        X("fe80::a%eth1"), X("100:100:100:100:100:100:255.255.255.255.255"),
        X("100:100:100:100:100:100:100:255.255.255.255"), X("1:2:3:4:5:6:7:\xe0\xa7\xaa"),
        X("1:2::192.16\xe0\xa7\xaa.0.1"), X("[::1]"), X("::ffff:192.168.0.01"), X(""), X(":"),
        X("1:2:3:4:5:6:7:8:9"), X("::1.2.3.4:5"), X("1:2:3:4:5:6:7:8::"),
        XN("::1\0"),
    };
    RUN("ipv6", c);
}
END_TEST

START_TEST(uri)
{
    static const fcase c[] = {
        V("http://foo.bar/?baz=qux#quux"), V("http://foo.com/blah_(wikipedia)_blah#cite-1"),
        V("http://foo.bar/?q=Test%20URL-encoded%20stuff"), V("http://xn--nw2a.xn--j6w193g/"),
        V("http://-.~_!$&'()*+,;=:%40:80%2f::::::@example.com"), V("http://223.255.255.254"),
        V("ftp://ftp.is.co.za/rfc/rfc1808.txt"), V("ldap://[2001:db8::7]/c=GB?objectClass?one"),
        V("mailto:John.Doe@example.com"), V("news:comp.infosystems.www.servers.unix"),
        V("tel:+1-816-555-1212"), V("urn:oasis:names:specification:docbook:dtd:xml:4.1.2"),
        V("http://087.10.0.1/"), V("http://999.999.999.999/"), V("http://[V1.fe]"),
        V("file:///etc/hosts"), V("a:"), V("http://example.com:/"), V("x-y.z+w:path"),
        X("//foo.bar/?baz=qux#quux"), X("/abc"), X("\\\\WINDOWS\\fileshare"), X("abc"),
        X("http:// shouldfail.com"), X(":// should fail"), X("bar,baz:foo"),
        X("https://[@example.org/test.txt"), X("https://example.org/foobar\xc2\xae.txt"),
        X("https://example.org/foobar\\.txt"), X("https://example.org/foobar\".txt"),
        X("https://example.org/foobar<>.txt"), X("https://example.org/foobar{}.txt"),
        X("https://example.org/foobar^.txt"), X("https://example.org/foobar`.txt"),
        X("https://example.org/foo bar.txt"), X("https://example.org/foobar|.txt"),
        X("http://example.com/%6G"), X("http://example.com/%A"), X("http://example.com/%"),
        X("1http://example.com"), X("ht_tp://example.com"), X("http://example.com:abc/path"),
        X("http://[::ffff:01.2.3.4]"), X("http:/[::1]"), X("http://[::1"), X("http://[vz.x]"),
        X("http://a#b#c"), X(""), XN("http://a/\0"),
    };
    RUN("uri", c);
}
END_TEST

START_TEST(uri_reference)
{
    static const fcase c[] = {
        V("http://foo.bar/?baz=qux#quux"), V("//foo.bar/?baz=qux#quux"), V("/abc"), V("abc"),
        V("#fragment"), V("http://087.10.0.1/"), V(""), V("?query=1"), V("//"),
        V("./this:that"), V("a/b:c"), V("../x?y#z"),
        X("\\\\WINDOWS\\fileshare"), X("#frag\\ment"), X("/foobar\xc2\xae.txt"),
        X("https://example.org/foobar\\.txt"), X("/%zz"), X("/a\"b"), X("/[::1]"),
        X("//example.com:abc/p"), X("//a@b@example.com/"), X("//[::ffff:192.168.0.01]/p"),
        X("1:b"), X("a b"),
    };
    RUN("uri-reference", c);
}
END_TEST

START_TEST(iri)
{
    static const fcase c[] = {
        V("http://\xc6\x92\xc3\xb8\xc3\xb8.\xc3\x9f\xc3\xa5r/"
          "?\xe2\x88\x82\xc3\xa9\xc5\x93=\xcf\x80\xc3\xaex#\xcf\x80\xc3\xae\xc3\xbcx"),
        V("http://[2001:0db8:85a3:0000:0000:8a2e:0370:7334]"), V("http://[2001:db8::1]"),
        V("http://[V1.fe]"), V("http://192.168.0.1/p"), V("urn:example:resource"),
        V("file:/etc/hosts"), V("http://x/\xf0\x90\x8c\x80"), V("http://x/?q=\xf3\xb0\x80\x80"),
        X("http://2001:0db8:85a3:0000:0000:8a2e:0370:7334"), X("/abc"),
        X("\\\\WINDOWS\\fil\xc3\xab"), X("\xc3\xa2\xcf\x80\xcf\x80"),
        X("http://[::ffff:192.168.0.01]"), X("http://x/\n"), X("http://x/\xf3\xb0\x80\x80"),
        X("http://x/\xc2\x85"), X("http://x/\xff"),
    };
    static const fcase r[] = {
        V("//\xc6\x92\xc3\xb8\xc3\xb8.\xc3\x9f\xc3\xa5r/"), V("/\xc3\xa2\xcf\x80\xcf\x80"),
        V("\xc3\xa2\xcf\x80\xcf\x80"), V("#\xc6\x92r\xc3\xa4gm\xc3\xaant"),
        X("\\\\WINDOWS\\fil\xc3\xab"), X("#\xc6\x92r\xc3\xa4g\\m\xc3\xaant"),
    };
    RUN("iri", c);
    RUN("iri-reference", r);
}
END_TEST

START_TEST(uri_template)
{
    static const fcase c[] = {
        V("http://example.com/dictionary/{term:1}/{term}"), V("http://example.com/dictionary"),
        V("dictionary/{term:1}/{term}"), V(""), V("a%41b"), V("a\xf0\x9f\x98\x80" "b"),
        V("{+var}"), V("{#var}"), V("{.var}"), V("{/var}"), V("{;var}"), V("{?var}"),
        V("{&var}"), V("{var*}"), V("{x,y}"), V("{a.b}"), V("{%41}"), V("{v:1000}"), V("a'b"),
        V("{?x,y*,z:3}"),
        X("http://example.com/dictionary/{term:1}/{term"), X("{}"), X("{a,,b}"), X("{v:0}"),
        X("{v:10000}"), X("foo}bar"), X("{a..b}"), X("{v:01}"), X("a b"), X("a\x7f" "b"),
        X("{a,}"), X("{var=def}"), X("{,+var}"), X("{.a.}"), X("{a*b}"), X("%4"), X("{{a}}"),
    };
    RUN("uri-template", c);
}
END_TEST

START_TEST(uuid)
{
    static const fcase c[] = {
        V("2EB8AA08-AA98-11EA-B4AA-73B441D16380"), V("2eb8aa08-aa98-11ea-b4aa-73b441d16380"),
        V("2eb8aa08-AA98-11ea-B4Aa-73B441D16380"), V("00000000-0000-0000-0000-000000000000"),
        V("98d80576-482e-427f-8434-7f86890ab222"), V("99c17cbb-656f-f64a-940f-1a4568f03487"),
        V("2eb8aa08-aa98-11ea-f4aa-73b441d16380"),
        X("2eb8aa08-aa98-11ea-b4aa-73b441d1638"), X("2eb8aa08-aa98-11ea-73b441d16380"),
        X("2eb8aa08-aa98-11ea-b4ga-73b441d16380"), X("2eb8aa08aa9811eab4aa73b441d16380"),
        X("2eb8aa08aa98-11ea-b4aa73b441d16380"), X("2eb8-aa08-aa98-11ea-b4aa73b44-1d16380"),
        X("2eb8aa08aa9811eab4aa73b441d16380----"), X("2eb8aa0-8aa98-11e-ab4aa7-3b441d16380"),
        X("urn:uuid:2eb8aa08-aa98-11ea-b4aa-73b441d16380"),
        X("2eb8aa08-aa98-11ea-b4aa-73b441d16380-"), X("{2eb8aa08-aa98-11ea-b4aa-73b441d16380}"),
        X("2eb8aa08-aa98-11ea-b4aa-73b441d1_380"), X("2eb8aa08-aa98-11ea-b4aa-73b441d16380\n"),
        X(""),
    };
    RUN("uuid", c);
}
END_TEST

START_TEST(json_pointers)
{
    static const fcase p[] = {
        V("/foo/bar~0/baz~1/%a"), V("/foo//bar"), V("/foo/bar/"), V(""), V("/foo"), V("/foo/0"),
        V("/"), V("/a~1b"), V("/c%d"), V("/e^f"), V("/g|h"), V("/i\\j"), V("/k\"l"), V("/ "),
        V("/m~0n"), V("/foo/-"), V("/foo/-/bar"), V("/~1~0~0~1~1"), V("/~1.1"), V("/~0.1"),
        V("/foo/bar/\xf0\x9f\x98\x8e"), VN("/foo\0bar\n\tbaz"),
        X("/foo/bar~"), X("#"), X("#/"), X("#a"), X("/~0~"), X("/~0/~"), X("/~2"), X("/~-1"),
        X("/~~"), X("a"), X("0"), X("a/a"),
    };
    static const fcase r[] = {
        V("1"), V("0/foo/bar"), V("2/0/baz/1/zip"), V("0#"), V("120/foo/bar"), V("100"),
        V("0//"), V("0+1/foo"), V("3-2#"),
        X("/foo/bar"), X("-1/foo/bar"), X("+1/foo/bar"), X("\xd9\xa1/foo"), X("0##"),
        X("01/a"), X("01#"), X(""), X("0/~2"), X("0/foo/bar~"), X("1#/foo/bar"), X("1\n"),
        X("0+/a"), X("0+01/a"), X("0-"),
    };
    RUN("json-pointer", p);
    RUN("relative-json-pointer", r);
}
END_TEST

START_TEST(regex_format)
{
    static const fcase c[] = {
        V("([abc])+\\s+$"), V("(?<name>x)"), V("(?<n>a)\\k<n>"), V("(?<=a+)b"), V("[]"),
        V("[^]"), V("\\cA"), V(""), V("^\\p{Letter}+$"), VN("a\0b"),
        X("^(abc]"), X("\\a"), X("(?P<name>x)"), X("(?P<n>a)(?P=n)"), X("(?#comment)a"),
        X("(?i)abc"), X("(?ims)abc"), X("a**"), X("\xff"),
    };
    RUN("regex", c);
}
END_TEST

START_TEST(unknown_formats)
{
    ck_assert_int_eq(pledge__format_check("unknown", "string", 6), -1);
    ck_assert_int_eq(pledge__format_check("Date", "2020-01-01", 10), -1);
    ck_assert_int_eq(pledge__format_check("", "", 0), -1);
    ck_assert_int_eq(pledge__format_check(NULL, "x", 1), -1);
    ck_assert_int_eq(pledge__format_check("date", NULL, 0), 0);
    ck_assert_int_eq(pledge__format_check("json-pointer", NULL, 0), 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("format");
    TCase *tc = tcase_create("format");
    tcase_add_test(tc, date);
    tcase_add_test(tc, time);
    tcase_add_test(tc, date_time);
    tcase_add_test(tc, duration);
    tcase_add_test(tc, email);
    tcase_add_test(tc, idn_email);
    tcase_add_test(tc, hostname);
    tcase_add_test(tc, idn_hostname);
    tcase_add_test(tc, ipv4);
    tcase_add_test(tc, ipv6);
    tcase_add_test(tc, uri);
    tcase_add_test(tc, uri_reference);
    tcase_add_test(tc, iri);
    tcase_add_test(tc, uri_template);
    tcase_add_test(tc, uuid);
    tcase_add_test(tc, json_pointers);
    tcase_add_test(tc, regex_format);
    tcase_add_test(tc, unknown_formats);
    suite_add_tcase(s, tc);
    return test_run(s) ? 1 : 0;
}
