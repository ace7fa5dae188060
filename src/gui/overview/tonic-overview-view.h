/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-store.h"

G_BEGIN_DECLS

#define TONIC_TYPE_OVERVIEW_VIEW (tonic_overview_view_get_type ())
G_DECLARE_FINAL_TYPE (TonicOverviewView, tonic_overview_view, TONIC, OVERVIEW_VIEW, AdwBin)

/* The Overview view of the workspace (administrators and clinicians:
 * OVERVIEW_VIEW): the practice's outcomes by indication, as a bar chart
 * and a table (tonic_store_get_overview_async()). It loads when it is
 * shown, and again each time it is shown anew, so that it follows what
 * was documented meanwhile; "overview.reload" (Ctrl+R) loads it now. */
GtkWidget *tonic_overview_view_new    (TonicStore        *store);
void       tonic_overview_view_reload (TonicOverviewView *self);

G_END_DECLS
