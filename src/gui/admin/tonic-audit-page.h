/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-store.h"

G_BEGIN_DECLS

#define TONIC_TYPE_AUDIT_PAGE (tonic_audit_page_get_type ())
G_DECLARE_FINAL_TYPE (TonicAuditPage, tonic_audit_page, TONIC, AUDIT_PAGE, AdwBin)

/* The audit trail for administrators: newest entries first, a page at a
 * time, filtered by staff member, action and a range of days, and a check
 * of the whole chain ("Verify Integrity"). */

/* Reads the trail of @store from now on (nothing is read before). */
void tonic_audit_page_set_store (TonicAuditPage *self,
                                 TonicStore     *store);
/* Reads the newest entries again with the current filters, and the staff
 * list of the filter. */
void tonic_audit_page_reload    (TonicAuditPage *self);

G_END_DECLS
