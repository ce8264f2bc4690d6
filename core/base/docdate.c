/*
 * docdate.c - the document date and SOURCE_DATE_EPOCH (see docdate.h).
 * Calendar arithmetic is done here (days from civil and back, after Howard
 * Hinnant's algorithms) rather than with gmtime/timegm, so no time zone,
 * locale or time_t width comes into it.
 */
#include "docdate.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

int64_t wm_date_epoch(wm_date d)
{
    int64_t y = d.year, m = d.month;
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (era * 146097 + doe - 719468) * 86400;
}

wm_date wm_epoch_date(int64_t t)
{
    int64_t z = (t >= 0 ? t : t - 86399) / 86400 + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    int64_t y = yoe + era * 400 + (m <= 2);
    return (wm_date){(int)y, (int)m, (int)d};
}

int wm_source_date_epoch(int64_t *epoch, char **err)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (!s || !*s)
        return 0;
    int64_t v = 0;
    size_t i = 0;
    for (; s[i] >= '0' && s[i] <= '9'; i++) {
        v = v * 10 + (s[i] - '0');
        if (v > WM_EPOCH_MAX)
            break;
    }
    if (s[i] != '\0' || v > WM_EPOCH_MAX) {
        char *q = wm_quote(s, strlen(s), 40);
        *err = wm_xasprintf("SOURCE_DATE_EPOCH is '%s', which is not a time: it must be the "
                            "seconds since 1970-01-01 00:00 UTC in decimal digits, at most %lld "
                            "(the end of the year 9999)",
                            q, WM_EPOCH_MAX);
        free(q);
        return -1;
    }
    *epoch = v;
    return 1;
}

bool wm_document_date(const wm_date *day, wm_docdate *out, char **err)
{
    int64_t sde = -1;
    int set = wm_source_date_epoch(&sde, err);
    if (set < 0)
        return false;
    out->dated = day != NULL || set;
    out->day = day ? *day : set ? wm_epoch_date(sde) : (wm_date){0, 0, 0};
    out->epoch = set ? sde : day ? wm_date_epoch(*day) : -1;
    return true;
}

bool wm_today(wm_date *out, char **err)
{
    int64_t sde;
    int set = wm_source_date_epoch(&sde, err);
    if (set < 0)
        return false;
    *out = wm_epoch_date(set ? sde : (int64_t)time(NULL));
    return true;
}
