/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tonic-chart.h"
#include "tonic-store.h"

G_BEGIN_DECLS

#define TONIC_TYPE_OVERVIEW_CHART (tonic_overview_chart_get_type ())
G_DECLARE_FINAL_TYPE (TonicOverviewChart, tonic_overview_chart, TONIC, OVERVIEW_CHART, TonicChart)

/* The practice overview as bars: for each indication with evaluated
 * courses, the share that reached response and the share that reached
 * remission (0–100 %), side by side, with the number of courses under
 * it. Each indication is a point a person can visit; the summary reads
 * every indication's shares in words. */
GtkWidget *tonic_overview_chart_new      (void);
/* @rows: TonicOverviewRow (tonic_store_get_overview_finish()); those with
 * no evaluated course are left out. NULL or empty: nothing to chart. */
void       tonic_overview_chart_set_rows (TonicOverviewChart *self,
                                          GPtrArray          *rows);
G_END_DECLS
