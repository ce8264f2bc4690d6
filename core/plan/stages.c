/*
 * stages.c - the table of the stages and the schema of the plan, expanded
 * from stages.def (see stages.h).
 */
#include "stages.h"

#include <string.h>

const wm_stage_info wm_stages[WM_STAGE_COUNT] = {
#define WM_STAGE(id, name, adds, exclusive, def, summary, does, part)                              \
    [WM_STAGE_##id] = {name, WM_ADDS_##adds, exclusive, def, summary, does, part},
#include "stages.def"
#undef WM_STAGE
};

const char *const wm_stage_names[WM_STAGE_COUNT + 1] = {
#define WM_STAGE(id, name, ...) [WM_STAGE_##id] = name,
#include "stages.def"
#undef WM_STAGE
    [WM_STAGE_COUNT] = NULL};

bool wm_stage_exclusive(wm_stage s)
{
    return (unsigned)s < WM_STAGE_COUNT && wm_stages[s].exclusive;
}

int wm_stage_find(const char *name)
{
    for (int s = 0; s < WM_STAGE_COUNT; s++)
        if (strcmp(wm_stages[s].name, name) == 0)
            return s;
    return -1;
}

const char *const wm_standard_section_ids[] = {
    "dashboard", "summary", "objectives", "assessment", "initiatives", "roadmap",
    "costs",     "risks",   "playbook",   "appendix",   NULL};

/* A field's BY column: a stage's id, HOST or ENGAGEMENT. */
enum {
#define WM_STAGE(id, ...) BY_##id = WM_STAGE_##id,
#include "stages.def"
#undef WM_STAGE
    BY_HOST = WM_BY_HOST,
    BY_ENGAGEMENT = WM_BY_ENGAGEMENT
};
enum {
    REQUIRED = WM_FIELD_REQUIRED,
    IF_SCHEDULED = WM_FIELD_IF_SCHEDULED,
    IF_DEFERRED = WM_FIELD_IF_DEFERRED,
    IN_HORIZON = WM_FIELD_IN_HORIZON
};

const wm_plan_field wm_plan_fields[] = {
#define WM_FIELD(record, key, rule, values, by, flags)                                             \
    {WM_REC_##record, key, WM_RULE_##rule, values, BY_##by, (unsigned)(flags)},
#include "stages.def"
#undef WM_FIELD
    {WM_REC_TOP, NULL, WM_RULE_ANY, NULL, WM_BY_HOST, 0}};

static const char *const RECORD_KEYS[WM_REC_COUNT] = {
    [WM_REC_TOP] = NULL,     [WM_REC_INITIATIVE] = "initiatives", [WM_REC_OBJECTIVE] = "objectives",
    [WM_REC_RISK] = "risks", [WM_REC_TOTALS] = "totals",
};

const char *wm_plan_record_key(wm_plan_record r)
{
    return (unsigned)r < WM_REC_COUNT ? RECORD_KEYS[r] : NULL;
}

const wm_plan_field *wm_plan_field_find(wm_plan_record r, const char *key)
{
    for (const wm_plan_field *f = wm_plan_fields; f->key; f++)
        if (f->record == r && strcmp(f->key, key) == 0)
            return f;
    return NULL;
}

bool wm_plan_field_allows(const wm_plan_field *f, const char *s)
{
    size_t n = strlen(s);
    for (const char *v = f->values; v && *v;) {
        size_t len = strcspn(v, " ");
        if (len == n && memcmp(v, s, n) == 0)
            return true;
        v += len;
        v += strspn(v, " ");
    }
    return false;
}
