/*
 * csv.h - the one CSV writer: every CSV Waymark writes (portfolio.csv of a
 * batch, `waymark plan --format csv`) goes through these functions.
 *
 * RFC 4180: fields separated by commas, records ended by CRLF, a field
 * quoted when it holds a comma, a double quote, CR or LF, a quote inside
 * doubled.
 *
 * Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that
 * starts with = + - @, a tab or a carriage return as a formula, so a client
 * named =HYPERLINK(...) would run on the reader's machine.  A text cell
 * that starts with one of them is written with a single quote in front and
 * quoted ("'=HYPERLINK(...)"); a spreadsheet shows it as text.  Numbers are
 * written by wm_csv_number and wm_csv_int, never neutralised: a negative
 * cost Waymark computed stays a number.  So every text field is text and
 * every number a number, whatever the input held.
 *
 * Ownership: everything is appended to the caller's wm_buf.
 */
#ifndef WM_CSV_H
#define WM_CSV_H

#include "util.h"

/* A text cell from s[0..len); s == NULL writes an empty cell. */
void wm_csv_text(wm_buf *out, const char *s, size_t len);
/* The same for a NUL-terminated string (or NULL). */
void wm_csv_str(wm_buf *out, const char *s);
/* An integer cell. */
void wm_csv_int(wm_buf *out, long long v);
/* A number cell: at most `decimals` decimals with trailing zeros dropped
 * ("1268762.42", "1250000", "0.5"), or with decimals < 0 the fewest digits
 * that read back as exactly v.  Not finite: an empty cell.  Never "-0". */
void wm_csv_number(wm_buf *out, double v, int decimals);
/* Between two cells: a comma.  After the last cell of a record: CRLF. */
void wm_csv_next(wm_buf *out);
void wm_csv_end(wm_buf *out);
/* A header record of n column names. */
void wm_csv_header(wm_buf *out, const char *const *names, size_t n);

#endif /* WM_CSV_H */
