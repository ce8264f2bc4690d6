/*
 * format_playbook.c - the handover playbook in `plan --format md`: the same
 * parts, in the same order, as the PDF's playbook section (roles, the
 * 30/60/90-day plan, then the standing machinery), as Markdown tables a
 * client can paste into its wiki.
 *
 * It reads plan.playbook, whose shape the host checked when the playbook
 * hook returned it (playbook_check.c), so missing optional fields are the
 * only absences handled here.
 */
#include <stdlib.h>
#include <string.h>

#include "plan_int.h"

static const wm_value *section(const wm_value *pb, const char *id)
{
    const wm_value *secs = wm_vobj_get(pb, "sections");
    for (size_t i = 0; secs && secs->kind == WM_VARR && i < secs->u.arr.n; i++) {
        const char *sid = wm_vobj_str(secs->u.arr.items[i], "id");
        if (sid && strcmp(sid, id) == 0)
            return secs->u.arr.items[i];
    }
    return NULL;
}

static const wm_value *items(const wm_value *obj, const char *key)
{
    const wm_value *v = wm_vobj_get(obj, key);
    return v && v->kind == WM_VARR ? v : NULL;
}

#define EACH(it, list)                                                                             \
    for (size_t it##_i = 0, it##_n = (list) ? (list)->u.arr.n : 0; it##_i < it##_n; it##_i++)      \
        for (const wm_value *it = (list)->u.arr.items[it##_i]; it; it = NULL)

static void cell(wm_buf *b, const char *s)
{
    wm_buf_puts(b, " ");
    wm_md_cell(b, s && *s ? s : "-");
    wm_buf_puts(b, " |");
}

/* A who's printable name. */
static const char *who(const wm_value *obj, const char *key)
{
    const wm_value *w = wm_vobj_get(obj, key);
    const char *name = w ? wm_vobj_str(w, "name") : NULL;
    return name ? name : "-";
}

static void paragraph(wm_buf *b, const wm_value *obj, const char *key)
{
    const char *s = wm_vobj_str(obj, key);
    if (s && *s)
        wm_buf_printf(b, "%s\n\n", s);
}

static void joined(wm_buf *b, const wm_value *list, const char *key, const char *sep)
{
    bool first = true;
    EACH(x, list)
    {
        const char *s = key ? wm_vobj_str(x, key) : (x->kind == WM_VSTR ? x->u.str.s : NULL);
        if (!s)
            continue;
        if (!first)
            wm_buf_puts(b, sep);
        wm_md_cell(b, s);
        first = false;
    }
}

static void roles(wm_buf *b, const wm_value *s)
{
    wm_buf_printf(b, "### %s\n\n| Role | Owner | Accountable for |\n| --- | --- | --- |\n",
                  wm_vobj_str(s, "title"));
    EACH(r, items(s, "items"))
    {
        wm_buf_puts(b, "|");
        cell(b, wm_vobj_str(r, "title"));
        const wm_value *w = wm_vobj_get(r, "who");
        const char *via = w ? wm_vobj_str(w, "via") : NULL;
        const char *name = who(r, "who");
        if (via) {
            char *text = wm_xasprintf("%s (until named)", name);
            cell(b, text);
            free(text);
        } else {
            cell(b, name);
        }
        cell(b, wm_vobj_str(r, "description"));
        wm_buf_putc(b, '\n');
    }
    wm_buf_putc(b, '\n');
}

static void plan_30_60_90(wm_buf *b, const wm_value *s)
{
    wm_buf_printf(b, "### %s\n\n", wm_vobj_str(s, "title"));
    paragraph(b, s, "summary");
    EACH(p, items(s, "periods"))
    {
        double from = 0, to = 0;
        wm_vobj_num(p, "from", &from);
        wm_vobj_num(p, "to", &to);
        wm_buf_printf(b, "#### Days %.0f–%.0f: %s\n\n", from, to, wm_vobj_str(p, "theme"));
        paragraph(b, p, "covers");
        wm_buf_puts(b, "| # | Action | Owner |\n| ---: | --- | --- |\n");
        EACH(it, items(p, "items"))
        {
            wm_buf_printf(b, "| %zu |", it_i + 1);
            cell(b, wm_vobj_str(it, "text"));
            cell(b, who(it, "owner"));
            wm_buf_putc(b, '\n');
        }
        wm_buf_putc(b, '\n');
        const wm_value *exit = items(p, "exit_criteria");
        if (exit && exit->u.arr.n) {
            wm_buf_puts(b, "Done when:\n\n");
            EACH(x, exit)
            wm_buf_printf(b, "- %s\n", x->kind == WM_VSTR ? x->u.str.s : "");
            wm_buf_putc(b, '\n');
        }
    }
}

static void rituals(wm_buf *b, const wm_value *s)
{
    wm_buf_printf(b,
                  "### %s\n\n| Ritual | Cadence | Chair | Attendees | Purpose |\n"
                  "| --- | --- | --- | --- | --- |\n",
                  wm_vobj_str(s, "title"));
    EACH(r, items(s, "items"))
    {
        wm_buf_puts(b, "|");
        cell(b, wm_vobj_str(r, "name"));
        cell(b, wm_vobj_str(r, "cadence"));
        cell(b, who(r, "chair"));
        wm_buf_puts(b, " ");
        joined(b, items(r, "attendees"), "name", ", ");
        wm_buf_puts(b, " |");
        cell(b, wm_vobj_str(r, "purpose"));
        wm_buf_putc(b, '\n');
    }
    wm_buf_putc(b, '\n');
}

static void measures(wm_buf *b, const wm_value *s)
{
    wm_buf_printf(b,
                  "### %s\n\n| Measure | Kind | Target | Baseline | Owner | Reviewed in |\n"
                  "| --- | --- | --- | --- | --- | --- |\n",
                  wm_vobj_str(s, "title"));
    EACH(m, items(s, "items"))
    {
        wm_buf_puts(b, "|");
        cell(b, wm_vobj_str(m, "name"));
        cell(b, wm_vobj_str(m, "kind"));
        cell(b, wm_vobj_str(m, "target"));
        const char *base = wm_vobj_str(m, "baseline");
        cell(b, base ? base : "to be measured");
        cell(b, who(m, "owner"));
        const wm_value *rv = wm_vobj_get(m, "reviewed_in");
        cell(b, rv ? wm_vobj_str(rv, "name") : NULL);
        wm_buf_putc(b, '\n');
    }
    wm_buf_putc(b, '\n');
}

static void gates(wm_buf *b, const wm_value *s)
{
    wm_buf_printf(b, "### %s\n\n", wm_vobj_str(s, "title"));
    EACH(g, items(s, "items"))
    {
        wm_buf_printf(b, "#### %s\n\nSigned off by %s.\n\n", wm_vobj_str(g, "stage"),
                      who(g, "sign_off"));
        EACH(c, items(g, "criteria"))
        wm_buf_printf(b, "- %s\n", c->kind == WM_VSTR ? c->u.str.s : "");
        wm_buf_putc(b, '\n');
    }
}

static void controls(wm_buf *b, const wm_value *s)
{
    wm_buf_printf(b, "### %s\n\n", wm_vobj_str(s, "title"));
    EACH(g, items(s, "groups"))
    {
        wm_buf_printf(b, "#### %s\n\n", wm_vobj_str(g, "title"));
        const wm_value *list = items(g, "items");
        if (!list || list->u.arr.n == 0) {
            wm_buf_puts(b, "None in this playbook.\n\n");
            continue;
        }
        wm_buf_puts(b, "| Control | What it does | Frequency | Owner | Evidence |\n"
                       "| --- | --- | --- | --- | --- |\n");
        EACH(c, list)
        {
            wm_buf_puts(b, "|");
            cell(b, wm_vobj_str(c, "name"));
            cell(b, wm_vobj_str(c, "detail"));
            cell(b, wm_vobj_str(c, "frequency"));
            cell(b, who(c, "owner"));
            cell(b, wm_vobj_str(c, "evidence"));
            wm_buf_putc(b, '\n');
        }
        wm_buf_putc(b, '\n');
    }
}

static void raci(wm_buf *b, const wm_value *s)
{
    const wm_value *cols = items(s, "roles");
    wm_buf_printf(b, "### %s\n\n| Activity |", wm_vobj_str(s, "title"));
    EACH(w, cols)
    cell(b, wm_vobj_str(w, "title") ? wm_vobj_str(w, "title") : wm_vobj_str(w, "name"));
    wm_buf_puts(b, "\n| --- |");
    EACH(w, cols)
    wm_buf_puts(b, " :---: |");
    wm_buf_putc(b, '\n');
    EACH(a, items(s, "items"))
    {
        wm_buf_puts(b, "|");
        cell(b, wm_vobj_str(a, "activity"));
        const wm_value *assign = wm_vobj_get(a, "assign");
        EACH(w, cols)
        {
            const char *role = wm_vobj_str(w, "role");
            const char *letter = role && assign ? wm_vobj_str(assign, role) : NULL;
            wm_buf_printf(b, " %s |", letter ? letter : "");
        }
        wm_buf_putc(b, '\n');
    }
    wm_buf_puts(b, "\nR responsible, A accountable, C consulted, I informed. Held by: ");
    bool first = true;
    EACH(w, cols)
    {
        wm_buf_printf(b, "%s%s %s", first ? "" : "; ", wm_vobj_str(w, "title"),
                      wm_vobj_str(w, "name"));
        first = false;
    }
    wm_buf_puts(b, ".\n\n");
    paragraph(b, s, "note");
}

static void vendors(wm_buf *b, const wm_value *s)
{
    wm_buf_printf(b, "### %s\n\nOwned by %s.", wm_vobj_str(s, "title"), who(s, "owner"));
    const char *sum = wm_vobj_str(s, "summary");
    if (sum)
        wm_buf_printf(b, " %s", sum);
    wm_buf_puts(b, "\n\n| Practice | What it involves | Cadence | Owner |\n"
                   "| --- | --- | --- | --- |\n");
    EACH(v, items(s, "items"))
    {
        wm_buf_puts(b, "|");
        cell(b, wm_vobj_str(v, "name"));
        cell(b, wm_vobj_str(v, "detail"));
        cell(b, wm_vobj_str(v, "cadence"));
        cell(b, who(v, "owner"));
        wm_buf_putc(b, '\n');
    }
    wm_buf_putc(b, '\n');
}

static void documentation(wm_buf *b, const wm_value *s)
{
    wm_buf_printf(b, "### %s\n\n| Document | Where | Owner | Review |\n| --- | --- | --- | --- |\n",
                  wm_vobj_str(s, "title"));
    EACH(d, items(s, "items"))
    {
        wm_buf_puts(b, "|");
        cell(b, wm_vobj_str(d, "document"));
        cell(b, wm_vobj_str(d, "location"));
        cell(b, who(d, "owner"));
        cell(b, wm_vobj_str(d, "review"));
        wm_buf_putc(b, '\n');
    }
    wm_buf_putc(b, '\n');
}

void wm_md_playbook(wm_buf *b, const wm_value *pb)
{
    if (!pb || pb->kind != WM_VOBJ)
        return;
    wm_buf_printf(b, "## %s\n\n", wm_vobj_str(pb, "title"));
    paragraph(b, pb, "summary");
    static const struct {
        const char *id;
        void (*write)(wm_buf *, const wm_value *);
    } parts[] = {{"roles", roles},
                 {"plan_30_60_90", plan_30_60_90},
                 {"rituals", rituals},
                 {"measures", measures},
                 {"quality_gates", gates},
                 {"controls", controls},
                 {"raci", raci},
                 {"vendors", vendors},
                 {"documentation", documentation}};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        const wm_value *s = section(pb, parts[i].id);
        if (s)
            parts[i].write(b, s);
    }
}
