/*
 * item.c - what the portfolio's two outputs (portfolio.c's CSV,
 * portfolio_doc.c's PDF) ask of a batch item, in a file of its own so that
 * neither calls the other back (batch_int.h).
 */
#include "batch_int.h"

const wm_value *wm_batch_item_summary(const wm_batch_item *it)
{
    return it->summary && it->summary->kind == WM_VOBJ ? it->summary : NULL;
}

bool wm_batch_item_ok(const wm_batch_item *it)
{
    return (it->status == WM_ITEM_DONE || it->status == WM_ITEM_SKIPPED) &&
           wm_batch_item_summary(it);
}
