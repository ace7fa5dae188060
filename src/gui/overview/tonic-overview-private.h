/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tonic-store.h"

G_BEGIN_DECLS

/* Shared by the overview's view and chart. */

/* @count of @total as a whole percentage ("75 %"). (g_free()) */
char      *_tonic_overview_format_share (guint                   count,
                                         guint                   total);
/* One indication of the overview in words, for the chart's summary and
 * tooltips: "PTSD: response in 3 of 4 courses (75 %), remission in 1
 * (25 %)". (g_free()) */
char      *_tonic_overview_describe_row (const TonicOverviewRow *row);

G_END_DECLS
