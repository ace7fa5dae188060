/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-audit-page.h"

G_BEGIN_DECLS

/* Shared by the pages of the Admin view. */

/* The window @widget is in, to be the parent of a dialog (or NULL). */
GtkWindow  *_tonic_admin_get_parent_window     (GtkWidget      *widget);

/* How the audit page names the action @name of a row (@name itself when
 * it has no label). */
const char *_tonic_audit_page_get_action_label (const char     *name);

/* For tests: how many entries the audit page fetches at a time. */
void        _tonic_audit_page_set_page_size    (TonicAuditPage *self,
                                                guint           page_size);

G_END_DECLS
