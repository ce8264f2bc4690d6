/*
 * scenario.c - the engagement's `scenarios:` (engagement.md, "scenarios"):
 * reading each scenario, and writing its overrides into a copy of the
 * engagement's YAML tree, which the loader then reads and checks exactly
 * like a file of its own (model.c).
 *
 * A scenario's overrides apply in this order: `exclude` (ids left out, the
 * references to them dropped and their dependents deferred), `add` (whole
 * new initiatives, objectives or risks appended to their lists), then each
 * `set` path in the order written (its value replaces what is there, a null
 * removes it).  The copy shares every node it does not change with the
 * base tree (copy on write); a node it changes is copied once, in the
 * scenario engagement's arena.  Values written in the scenario keep their
 * own positions, so a problem in one is reported at the scenario's line.
 */
#include "load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BIT(i) ((uint64_t)1 << (i))

/* ---- reading `scenarios:` ---- */

static const char *const SCENARIO_KEYS[] = {"id", "name", "summary", "set", "add", "exclude", NULL};
enum { K_ID, K_NAME, K_SUMMARY, K_SET, K_ADD, K_EXCLUDE };
static const uint64_t SCENARIO_REQUIRED = BIT(K_ID) | BIT(K_NAME);

/* The lists `add` and `exclude` reach, in the order ids are looked up. */
static const char *const LISTS[] = {"initiatives", "objectives", "risks", NULL};

static void read_set(wm_schema *s, const wm_ynode *v, wm_scenario *sc)
{
    if (!wm_expect_map(s, v, "set"))
        return;
    for (size_t i = 0; i < v->n; i++) {
        const wm_ynode *k = wm_ymap_key(v, i);
        if (k->kind != WM_YSCALAR || k->len == 0 || k->text[0] == '.' ||
            k->text[k->len - 1] == '.' || strstr(k->text, "..")) {
            wm_schema_error(s, k->pos,
                            "write a dotted path into the engagement, such as 'budget.total' or "
                            "'initiatives.I3.moscow'",
                            "scenario '%s': a set key must be a dotted path", sc->id);
            return;
        }
        if (strcmp(k->text, "scenarios") == 0 || strncmp(k->text, "scenarios.", 10) == 0 ||
            strcmp(k->text, "format") == 0) {
            wm_schema_error(s, k->pos, "a scenario changes the engagement, not its scenarios",
                            "scenario '%s': '%s' cannot be set by a scenario", sc->id, k->text);
            return;
        }
    }
    sc->set = v;
}

static void read_add(wm_schema *s, const wm_ynode *v, wm_scenario *sc)
{
    if (!wm_expect_map(s, v, "add"))
        return;
    bool ok = true;
    for (size_t i = 0; i < v->n; i++) {
        int k = wm_key_index(s, wm_ymap_key(v, i), LISTS, "add");
        if (k < 0)
            ok = false;
        else if (!wm_ynode_is_null(wm_ymap_value(v, i)) &&
                 !wm_expect_seq(s, wm_ymap_value(v, i), LISTS[k]))
            ok = false;
    }
    if (ok)
        sc->add = v;
}

static void read_exclude(wm_schema *s, const wm_ynode *v, wm_scenario *sc)
{
    const char **ids;
    size_t n;
    if (wm_get_text_list(s, v, "exclude", true, &ids, &n) && v->kind == WM_YSEQ)
        sc->exclude = v;
}

void wm_load_scenarios(wm_engagement *e, const wm_ynode *v, wm_schema *s)
{
    if (!wm_expect_seq(s, v, "scenarios"))
        return;
    /* Each scenario is a whole engagement to load and plan: a bound keeps a
     * file's cost a small multiple of its size. */
    if (v->n > WM_SCENARIOS_MAX) {
        wm_schema_error(s, v->items[WM_SCENARIOS_MAX]->pos,
                        "a board weighs a handful of options; split the rest into another file",
                        "at most %d scenarios, got %zu", WM_SCENARIOS_MAX, v->n);
        return;
    }
    e->scenarios = WM_ARENA_NEW(s->arena, wm_scenario, v->n + 1);
    for (size_t i = 0; i < v->n; i++) {
        const wm_ynode *item = v->items[i];
        char where[40];
        snprintf(where, sizeof where, "scenarios[%zu]", i + 1);
        if (!wm_expect_map(s, item, where))
            continue;
        wm_scenario *sc = &e->scenarios[e->n_scenarios];
        memset(sc, 0, sizeof *sc);
        sc->node = item;
        sc->pos = item->pos;
        const wm_ynode *id = wm_ymap_get(item, "id");
        if (id && !wm_ynode_is_null(id)) {
            sc->id = wm_get_id(s, id, "scenario id");
            sc->pos = id->pos;
        }
        size_t errors = s->diags->errors;
        uint64_t seen = 0;
        for (size_t k = 0; k < item->n; k++) {
            int idx = wm_key_index(s, wm_ymap_key(item, k), SCENARIO_KEYS, where);
            const wm_ynode *x = wm_ymap_value(item, k);
            if (idx < 0 || wm_ynode_is_null(x))
                continue;
            seen |= BIT(idx);
            if (!sc->id)
                continue;
            if (idx == K_NAME) {
                sc->name = wm_get_text(s, x, "scenario name", true);
            } else if (idx == K_SUMMARY) {
                sc->summary = wm_get_text(s, x, "scenario summary", true);
                if (sc->summary && strchr(sc->summary, '\n'))
                    wm_schema_error(s, x->pos, "write the summary on one line",
                                    "scenario '%s': the summary must be one line", sc->id);
            } else if (idx == K_SET) {
                read_set(s, x, sc);
            } else if (idx == K_ADD) {
                read_add(s, x, sc);
            } else if (idx == K_EXCLUDE) {
                read_exclude(s, x, sc);
            }
        }
        wm_require_keys(s, item->pos, where, SCENARIO_KEYS, SCENARIO_REQUIRED, seen);
        for (size_t k = 0; sc->id && k < e->n_scenarios; k++)
            if (strcmp(e->scenarios[k].id, sc->id) == 0)
                wm_schema_error(s, sc->pos, "give each scenario its own id",
                                "duplicate scenario id '%s' (first at line %u, column %u)", sc->id,
                                e->scenarios[k].pos.line, e->scenarios[k].pos.col);
        if (sc->id && sc->name && s->diags->errors == errors)
            e->n_scenarios++;
    }
}

/* ---- writing the overrides into a copy of the tree ---- */

typedef struct {
    const char *key; /* a mapping's key, or a list item's id */
    size_t i;        /* its pair or item */
} entry;

typedef struct {
    wm_ynode *node;
    size_t cap; /* items allocated */
    /* The node's keys or ids sorted (heap), built when a path is first
     * looked up in it and dropped when the node changes; n_index is
     * (size_t)-1 while there is none. */
    entry *index;
    size_t n_index;
} fresh;

typedef struct {
    wm_arena *a;
    wm_schema *s;
    const wm_scenario *sc;
    /* The nodes copied for this scenario: an open-addressed table keyed by
     * the node's address (heap; a power of two, at most half full). */
    fresh *fresh;
    size_t n_fresh, cap_fresh;
} patcher;

static size_t slot_of(const patcher *p, const wm_ynode *n)
{
    size_t h = (size_t)((uintptr_t)n >> 4) * (size_t)0x9E3779B97F4A7C15ull;
    size_t i = (h >> 7) & (p->cap_fresh - 1);
    while (p->fresh[i].node && p->fresh[i].node != n)
        i = (i + 1) & (p->cap_fresh - 1);
    return i;
}

static fresh *find_fresh(const patcher *p, const wm_ynode *n)
{
    if (!p->cap_fresh)
        return NULL;
    fresh *f = &p->fresh[slot_of(p, n)];
    return f->node ? f : NULL;
}

static void put_fresh(patcher *p, wm_ynode *n, size_t cap)
{
    if (2 * (p->n_fresh + 1) > p->cap_fresh) {
        fresh *old = p->fresh;
        size_t old_cap = p->cap_fresh;
        p->cap_fresh = old_cap ? 2 * old_cap : 64;
        p->fresh = wm_xcalloc(p->cap_fresh, sizeof *p->fresh);
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].node)
                p->fresh[slot_of(p, old[i].node)] = old[i];
        free(old);
    }
    p->fresh[slot_of(p, n)] = (fresh){n, cap, NULL, (size_t)-1};
    p->n_fresh++;
}

/* `n` as a node this scenario may change: itself when it was copied for
 * it already, else a copy (its items array too, not the items). */
static wm_ynode *own(patcher *p, const wm_ynode *n)
{
    fresh *f = find_fresh(p, n);
    if (f)
        return f->node;
    wm_ynode *c = WM_ARENA_NEW(p->a, wm_ynode, 1);
    *c = *n;
    size_t slots = n->kind == WM_YMAP ? 2 * n->n : n->n;
    if (n->kind != WM_YSCALAR) {
        c->items = WM_ARENA_NEW(p->a, wm_ynode *, slots + 1);
        if (slots)
            memcpy(c->items, n->items, slots * sizeof *c->items);
    }
    put_fresh(p, c, slots + 1);
    return c;
}

/* Fresh node `n` changed: its index no longer holds. */
static void stale(patcher *p, const wm_ynode *n)
{
    fresh *f = find_fresh(p, n);
    if (f && f->index) {
        free(f->index);
        f->index = NULL;
    }
    if (f)
        f->n_index = (size_t)-1;
}

/* Drops every index: an item's id changed, and its list is not known here. */
static void stale_all(patcher *p)
{
    for (size_t i = 0; i < p->cap_fresh; i++)
        if (p->fresh[i].node)
            stale(p, p->fresh[i].node);
}

/* Appends `count` slots' worth of `items` to fresh node `n` (a mapping's
 * pair is two slots), growing its array by doubling. */
static void append(patcher *p, wm_ynode *n, wm_ynode *const *items, size_t count)
{
    fresh *f = find_fresh(p, n);
    size_t slots = n->kind == WM_YMAP ? 2 * n->n : n->n;
    if (slots + count > f->cap) {
        size_t cap = 2 * (slots + count);
        wm_ynode **grown = WM_ARENA_NEW(p->a, wm_ynode *, cap);
        if (slots)
            memcpy(grown, n->items, slots * sizeof *grown);
        n->items = grown;
        f->cap = cap;
    }
    memcpy(n->items + slots, items, count * sizeof *items);
    n->n += n->kind == WM_YMAP ? count / 2 : count;
    stale(p, n);
}

/* Removes item `i` of fresh node `n` (pair `i` of a mapping); the caller
 * drops its index (stale) when it may have one. */
static void remove_at(wm_ynode *n, size_t i)
{
    size_t w = n->kind == WM_YMAP ? 2 : 1, slots = w * n->n;
    memmove(n->items + w * i, n->items + w * (i + 1), (slots - w * (i + 1)) * sizeof *n->items);
    n->n--;
}

static wm_ynode *scalar(patcher *p, const char *text, size_t len, wm_pos pos)
{
    wm_ynode *n = WM_ARENA_NEW(p->a, wm_ynode, 1);
    n->kind = WM_YSCALAR;
    n->plain = true;
    n->pos = pos;
    n->text = wm_arena_strndup(p->a, text, len);
    n->len = len;
    n->weight = 1;
    return n;
}

static wm_ynode *empty(patcher *p, wm_ykind kind, wm_pos pos)
{
    wm_ynode *n = WM_ARENA_NEW(p->a, wm_ynode, 1);
    n->kind = kind;
    n->pos = pos;
    n->weight = 1;
    return n;
}

/* The id of a list item, or NULL when it has none. */
static const char *item_id(const wm_ynode *item)
{
    const wm_ynode *id = item->kind == WM_YMAP ? wm_ymap_get(item, "id") : NULL;
    return id && id->kind == WM_YSCALAR ? id->text : NULL;
}

/* The value of `key` in root mapping `root` (a fresh node), made fresh and
 * put back; created empty of `kind` at `pos` when absent or null. */
static wm_ynode *own_section(patcher *p, wm_ynode *root, const char *key, wm_ykind kind, wm_pos pos)
{
    for (size_t i = 0; i < root->n; i++)
        if (strcmp(wm_ymap_key(root, i)->text, key) == 0) {
            const wm_ynode *v = wm_ymap_value(root, i);
            wm_ynode *c = wm_ynode_is_null(v) ? own(p, empty(p, kind, v->pos)) : own(p, v);
            root->items[2 * i + 1] = c;
            return c;
        }
    wm_ynode *pair[2] = {scalar(p, key, strlen(key), pos), own(p, empty(p, kind, pos))};
    append(p, root, pair, 2);
    return pair[1];
}

static int cmp_entry(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* strcmp of `key` with the text rest[0..len), which has no NUL at len. */
static int cmp_text(const char *key, const char *rest, size_t len)
{
    int c = strncmp(key, rest, len);
    return c ? c : key[len] != '\0';
}

/* The key of pair `i` of mapping `m`, or the id of item `i` of list `m`. */
static const char *key_at(const wm_ynode *m, size_t i)
{
    return m->kind == WM_YMAP ? wm_ymap_key(m, i)->text : item_id(m->items[i]);
}

/* The first pair or item of fresh `m` whose key or id is rest[0..len), or -1:
 * a binary search of its index, built on first use (n log n). */
static long find_key(patcher *p, const wm_ynode *m, const char *rest, size_t len)
{
    fresh *f = find_fresh(p, m);
    if (f->n_index == (size_t)-1) {
        f->index = wm_xcalloc(m->n + 1, sizeof *f->index);
        f->n_index = 0;
        for (size_t i = 0; i < m->n; i++)
            if (key_at(m, i))
                f->index[f->n_index++] = (entry){key_at(m, i), i};
        qsort(f->index, f->n_index, sizeof *f->index, cmp_entry);
    }
    size_t lo = 0, hi = f->n_index; /* the first entry not below rest[0..len) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_text(f->index[mid].key, rest, len) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < f->n_index && cmp_text(f->index[lo].key, rest, len) == 0)
        return (long)f->index[lo].i;
    return -1;
}

/* Which pair of fresh mapping `m` / item of fresh list `m` the path `rest`
 * starts with: its key or id equals `rest` or is followed in it by a dot;
 * the longest wins, since keys and ids may hold dots.  Returns the index or
 * -1, and the length matched.  Each candidate (rest whole, then up to each
 * dot from the last) is one search of the node's index. */
static long match(patcher *p, const wm_ynode *m, const char *rest, size_t *len)
{
    size_t n = strlen(rest);
    for (;;) {
        long i = find_key(p, m, rest, n);
        if (i >= 0) {
            *len = n;
            return i;
        }
        while (n > 0 && rest[n - 1] != '.')
            n--;
        if (n == 0)
            return -1;
        n--; /* before the dot */
    }
}

/* Writes one `set` entry into the tree under fresh `root`. */
static void set_path(patcher *p, wm_ynode *root, const wm_ynode *key, const wm_ynode *value)
{
    const char *path = key->text, *rest = path;
    const char *sid = p->sc->id;
    bool remove = wm_ynode_is_null(value);
    wm_ynode *node = root;
    for (;;) {
        size_t len = 0;
        long i = node->kind == WM_YSCALAR ? -1 : match(p, node, rest, &len);
        bool last = i >= 0 && rest[len] == '\0';
        if (node->kind == WM_YSCALAR) {
            wm_schema_error(p->s, key->pos, "a path goes through mappings and lists only",
                            "scenario '%s': '%s' goes inside '%.*s', which is a single value", sid,
                            path, (int)(rest - path - 1), path);
            return;
        }
        if (node->kind == WM_YSEQ) {
            if (node->n && !item_id(node->items[0])) {
                wm_schema_error(p->s, key->pos, "set the whole list instead",
                                "scenario '%s': the items of '%.*s' have no ids to address them",
                                sid, (int)(rest - path - 1), path);
                return;
            }
            if (i < 0) {
                wm_schema_error(p->s, key->pos, "list items are addressed by their id",
                                "scenario '%s': '%.*s' has no item '%.*s'", sid,
                                (int)(rest - path - 1), path, (int)strcspn(rest, "."), rest);
                return;
            }
            if (last && remove) {
                wm_schema_error(p->s, value->pos, "leave an item out with 'exclude: [ID]'",
                                "scenario '%s': '%s' cannot be set to null", sid, path);
                return;
            }
            if (last) {
                node->items[i] = (wm_ynode *)value;
                stale(p, node); /* its id may be another */
                return;
            }
            node->items[i] = own(p, node->items[i]);
            node = node->items[i];
            rest += len + 1;
            continue;
        }
        /* A mapping. */
        if (last) {
            if (remove) {
                remove_at(node, (size_t)i);
                stale(p, node);
            } else {
                node->items[2 * i + 1] = (wm_ynode *)value;
            }
            if (strcmp(rest, "id") == 0) /* an item's id: its list's index is stale */
                stale_all(p);
            return;
        }
        if (i >= 0) {
            const wm_ynode *v = wm_ymap_value(node, (size_t)i);
            node->items[2 * i + 1] =
                wm_ynode_is_null(v) ? own(p, empty(p, WM_YMAP, key->pos)) : own(p, v);
            node = node->items[2 * i + 1];
            rest += len + 1;
            continue;
        }
        /* Not there: the rest of the path is written in, as new mappings. */
        if (remove) {
            wm_schema_error(p->s, key->pos, "check the path's spelling",
                            "scenario '%s': there is no '%s' to remove", sid, path);
            return;
        }
        size_t seg = strcspn(rest, ".");
        bool end = rest[seg] == '\0';
        wm_ynode *pair[2] = {scalar(p, rest, seg, key->pos),
                             end ? (wm_ynode *)value : own(p, empty(p, WM_YMAP, key->pos))};
        append(p, node, pair, 2);
        if (end)
            return;
        node = pair[1];
        rest += seg + 1;
    }
}

/* ---- exclude ---- */

typedef struct {
    const char **ids; /* sorted, for bsearch */
    size_t n;
} idset;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool idset_has(const idset *s, const char *id)
{
    return id && s->n && bsearch(&id, s->ids, s->n, sizeof *s->ids, cmp_str);
}

static void idset_sort(idset *s)
{
    qsort(s->ids, s->n, sizeof *s->ids, cmp_str);
}

/* Drops the ids of `gone` from list `key` of fresh item `item`. */
static void drop_refs(patcher *p, wm_ynode *item, const char *key, const idset *gone)
{
    for (size_t i = 0; i < item->n; i++) {
        const wm_ynode *v = wm_ymap_value(item, i);
        if (strcmp(wm_ymap_key(item, i)->text, key) != 0 || v->kind != WM_YSEQ)
            continue;
        bool any = false;
        for (size_t k = 0; k < v->n && !any; k++)
            any = v->items[k]->kind == WM_YSCALAR && idset_has(gone, v->items[k]->text);
        if (!any)
            return;
        wm_ynode *c = own(p, v);
        for (size_t k = c->n; k-- > 0;)
            if (c->items[k]->kind == WM_YSCALAR && idset_has(gone, c->items[k]->text))
                remove_at(c, k);
        item->items[2 * i + 1] = c;
    }
}

/* True when item `item` lists one of `ids` under `key`. */
static bool refers(const wm_ynode *item, const char *key, const idset *ids)
{
    const wm_ynode *v = item->kind == WM_YMAP ? wm_ymap_get(item, key) : NULL;
    for (size_t k = 0; v && v->kind == WM_YSEQ && k < v->n; k++)
        if (v->items[k]->kind == WM_YSCALAR && idset_has(ids, v->items[k]->text))
            return true;
    return false;
}

/* The initiatives (by index into `inis`) that depend on one of `gone`,
 * directly or through others, marked in `deferred`: a walk of the reverse
 * dependency edges, sorted once, so the cost is E log E for E edges. */
typedef struct {
    const char *on; /* the id depended on */
    size_t by;      /* the index of the initiative depending on it */
} edge;

static int cmp_edge(const void *a, const void *b)
{
    return strcmp(((const edge *)a)->on, ((const edge *)b)->on);
}

static void mark_deferred(const wm_ynode *inis, const idset *gone, bool *deferred)
{
    size_t n = inis->n, n_edges = 0;
    for (size_t i = 0; i < n; i++) {
        const wm_ynode *d =
            inis->items[i]->kind == WM_YMAP ? wm_ymap_get(inis->items[i], "depends_on") : NULL;
        n_edges += d && d->kind == WM_YSEQ ? d->n : 0;
    }
    edge *edges = wm_xcalloc(n_edges + 1, sizeof *edges);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const wm_ynode *d =
            inis->items[i]->kind == WM_YMAP ? wm_ymap_get(inis->items[i], "depends_on") : NULL;
        for (size_t j = 0; d && d->kind == WM_YSEQ && j < d->n; j++)
            if (d->items[j]->kind == WM_YSCALAR)
                edges[k++] = (edge){d->items[j]->text, i};
    }
    n_edges = k;
    qsort(edges, n_edges, sizeof *edges, cmp_edge);
    const char **queue = wm_xcalloc(n + gone->n + 1, sizeof *queue);
    size_t head = 0, tail = 0;
    for (size_t i = 0; i < gone->n; i++)
        queue[tail++] = gone->ids[i];
    while (head < tail) {
        edge key = {queue[head++], 0};
        edge *hit = n_edges ? bsearch(&key, edges, n_edges, sizeof *edges, cmp_edge) : NULL;
        if (!hit)
            continue;
        while (hit > edges && strcmp(hit[-1].on, key.on) == 0)
            hit--;
        for (; hit < edges + n_edges && strcmp(hit->on, key.on) == 0; hit++) {
            const char *id = item_id(inis->items[hit->by]);
            if (deferred[hit->by] || !id)
                continue;
            deferred[hit->by] = true;
            queue[tail++] = id;
        }
    }
    free(queue);
    free(edges);
}

/* Leaves out the items `exclude` names (from every list holding the id);
 * drops every reference to them; defers (moscow: wont) every initiative
 * that depends on a left-out one, directly or through others. */
static void apply_exclude(patcher *p, wm_ynode *root)
{
    const wm_ynode *ex = p->sc->exclude;
    wm_pos at = ex->pos;
    idset want = {wm_xcalloc(ex->n + 1, sizeof(char *)), 0}, found = want;
    found.ids = wm_xcalloc(ex->n + 1, sizeof(char *));
    for (size_t k = 0; k < ex->n; k++)
        want.ids[want.n++] = ex->items[k]->text;
    idset_sort(&want);
    idset gone[3];
    for (int l = 0; l < 3; l++) {
        gone[l] = (idset){wm_xcalloc(ex->n + 1, sizeof(char *)), 0};
        const wm_ynode *list = wm_ymap_get(root, LISTS[l]);
        bool any = false;
        for (size_t i = 0; list && list->kind == WM_YSEQ && i < list->n && !any; i++)
            any = idset_has(&want, item_id(list->items[i]));
        if (!any)
            continue;
        wm_ynode *c = own_section(p, root, LISTS[l], WM_YSEQ, at);
        size_t w = 0;
        for (size_t i = 0; i < c->n; i++) {
            const char *id = item_id(c->items[i]);
            if (idset_has(&want, id)) {
                if (gone[l].n < ex->n)
                    gone[l].ids[gone[l].n++] = id;
                continue;
            }
            c->items[w++] = c->items[i];
        }
        c->n = w;
        stale(p, c);
        idset_sort(&gone[l]);
    }
    for (int l = 0; l < 3; l++)
        for (size_t i = 0; i < gone[l].n && found.n < ex->n; i++)
            found.ids[found.n++] = gone[l].ids[i];
    idset_sort(&found);
    for (size_t k = 0; k < ex->n; k++) {
        const wm_ynode *id = ex->items[k];
        if (idset_has(&found, id->text))
            continue;
        wm_schema_error(p->s, id->pos, "exclude names initiatives, objectives or risks by id",
                        "scenario '%s': exclude names '%s', which is no initiative, objective "
                        "or risk",
                        p->sc->id, id->text);
    }
    const wm_ynode *inis = wm_ymap_get(root, "initiatives");
    size_t n = inis && inis->kind == WM_YSEQ ? inis->n : 0;
    bool *deferred = wm_xcalloc(n + 1, sizeof *deferred);
    if (n && gone[0].n)
        mark_deferred(inis, &gone[0], deferred);
    for (size_t i = 0; (gone[0].n || gone[1].n) && i < n; i++) {
        const wm_ynode *it = inis->items[i];
        if (it->kind != WM_YMAP || !(deferred[i] || refers(it, "depends_on", &gone[0]) ||
                                     refers(it, "objectives", &gone[1])))
            continue;
        wm_ynode *list = own_section(p, root, "initiatives", WM_YSEQ, at);
        wm_ynode *c = own(p, it);
        list->items[i] = c;
        drop_refs(p, c, "depends_on", &gone[0]);
        drop_refs(p, c, "objectives", &gone[1]);
        if (!deferred[i])
            continue;
        wm_ynode *wont = scalar(p, "wont", 4, at);
        bool put = false;
        for (size_t k = 0; k < c->n; k++)
            if (strcmp(wm_ymap_key(c, k)->text, "moscow") == 0) {
                c->items[2 * k + 1] = wont;
                put = true;
            }
        if (!put) {
            wm_ynode *pair[2] = {scalar(p, "moscow", 6, at), wont};
            append(p, c, pair, 2);
        }
    }
    const wm_ynode *risks = wm_ymap_get(root, "risks");
    size_t n_risks = risks && risks->kind == WM_YSEQ ? risks->n : 0;
    for (size_t i = 0; gone[0].n && i < n_risks; i++) {
        if (!refers(risks->items[i], "initiatives", &gone[0]))
            continue;
        wm_ynode *list = own_section(p, root, "risks", WM_YSEQ, at);
        wm_ynode *c = own(p, list->items[i]);
        list->items[i] = c;
        drop_refs(p, c, "initiatives", &gone[0]);
        risks = list;
    }
    free(deferred);
    free(want.ids);
    free(found.ids);
    for (int l = 0; l < 3; l++)
        free(gone[l].ids);
}

/* ---- add ---- */

static void apply_add(patcher *p, wm_ynode *root)
{
    const wm_ynode *add = p->sc->add;
    for (size_t i = 0; i < add->n; i++) {
        const wm_ynode *v = wm_ymap_value(add, i);
        if (wm_ynode_is_null(v) || v->n == 0)
            continue;
        wm_ynode *list = own_section(p, root, wm_ymap_key(add, i)->text, WM_YSEQ, v->pos);
        append(p, list, v->items, v->n);
    }
}

wm_ynode *wm_scenario_tree(wm_arena *a, const wm_ynode *root, const wm_scenario *sc, wm_schema *s)
{
    patcher p = {a, s, sc, NULL, 0, 0};
    wm_ynode *r = own(&p, root);
    /* The scenario's engagement has no scenarios of its own. */
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(wm_ymap_key(r, i)->text, "scenarios") == 0)
            remove_at(r, i--);
    if (sc->exclude)
        apply_exclude(&p, r);
    if (sc->add)
        apply_add(&p, r);
    for (size_t i = 0; sc->set && i < sc->set->n; i++)
        set_path(&p, r, wm_ymap_key(sc->set, i), wm_ymap_value(sc->set, i));
    for (size_t i = 0; i < p.cap_fresh; i++)
        free(p.fresh[i].index);
    free(p.fresh);
    return r;
}

/* ---- reporting a scenario's engagement's problems ---- */

static uint32_t last_line(const wm_ynode *n, uint32_t line, size_t *budget)
{
    if (*budget == 0)
        return line;
    (*budget)--;
    if (n->pos.line > line)
        line = n->pos.line;
    size_t slots = n->kind == WM_YMAP ? 2 * n->n : n->kind == WM_YSEQ ? n->n : 0;
    for (size_t i = 0; i < slots; i++)
        line = last_line(n->items[i], line, budget);
    return line;
}

void wm_scenario_report(const wm_scenario *sc, const char *file, const wm_diags *found,
                        wm_diags *out)
{
    size_t budget = 100000; /* aliases may share subtrees; the walk stays bounded */
    uint32_t first = sc->node->pos.line, last = last_line(sc->node, first, &budget);
    size_t reported = out->count; /* the base's own, and earlier scenarios' */
    for (size_t i = 0; i < found->count; i++) {
        const wm_diag *d = &found->items[i];
        bool inside = d->pos.line >= first && d->pos.line <= last;
        /* A warning the base already gave is the base's, reported once. */
        bool repeat = false;
        for (size_t k = 0; !inside && d->severity != WM_ERROR && k < reported && !repeat; k++)
            repeat = out->items[k].pos.line == d->pos.line && out->items[k].pos.col == d->pos.col &&
                     strcmp(out->items[k].message, d->message) == 0;
        if (repeat)
            continue;
        if (inside)
            wm_diag_addf(out, d->severity, file, d->pos, d->hint, "scenario '%s': %s", sc->id,
                         d->message);
        else if (d->pos.line)
            wm_diag_addf(out, d->severity, file, sc->pos, d->hint,
                         "scenario '%s': %s (line %u, column %u, as the scenario changes it)",
                         sc->id, d->message, d->pos.line, d->pos.col);
        else
            wm_diag_addf(out, d->severity, file, sc->pos, d->hint, "scenario '%s': %s", sc->id,
                         d->message);
    }
    if (found->dropped)
        wm_diag_addf(out, WM_NOTE, file, sc->pos, NULL,
                     "scenario '%s': %zu more problems not shown", sc->id, found->dropped);
}
