/*
 * item.c - what the portfolio's two outputs (portfolio.c's CSV,
 * portfolio_doc.c's PDF), the worker and the manifest ask of a batch item,
 * in a file of its own so that none calls another back (batch_int.h).
 */
#include "batch_int.h"

#include <string.h>

const wm_value *wm_batch_item_summary(const wm_batch_item *it)
{
    return it->summary && it->summary->kind == WM_VOBJ ? it->summary : NULL;
}

char *wm_batch_json_path(const wm_batch_item *it)
{
    size_t n = strlen(it->output);
    if (n > 4 && strcmp(it->output + n - 4, ".pdf") == 0)
        return wm_xasprintf("%.*s.json", (int)(n - 4), it->output);
    return wm_xasprintf("%s.json", it->output);
}

bool wm_batch_item_ok(const wm_batch_item *it)
{
    return (it->status == WM_ITEM_DONE || it->status == WM_ITEM_SKIPPED) &&
           wm_batch_item_summary(it);
}
