/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Included by tonic-store.h: the audit trail (SECURITY.md, "Audit trail").
 *
 * audit_log(sequence, occurred_at, staff_id, action_name, patient_id,
 * object_type, object_id, outcome, detail, emergency, prev_hash, hash) with
 * hash = SHA-256(prev_hash ‖ canonical row) in lowercase hex, the first
 * row's prev_hash being 64 zeros. Rows are appended in the same transaction
 * as the change they record; triggers abort every UPDATE and DELETE. */

G_BEGIN_DECLS

/* Records something the store cannot see by itself (a printed report, an
 * export). Any signed-in staff member; DENIED when nobody is. */
void        tonic_store_audit_async         (TonicStore          *self,
                                             const char          *action,
                                             gint64               patient_id,
                                             const char          *object_type,
                                             const char          *object_id,
                                             const char          *detail,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    tonic_store_audit_finish        (TonicStore          *self,
                                             GAsyncResult        *result,
                                             GError             **error);

typedef struct
{
  gint64      staff_id;     /* 0: anyone */
  gint64      patient_id;   /* 0: any */
  const char *action;       /* NULL: any */
  const char *from;         /* UTC ISO-8601, inclusive; NULL: open */
  const char *until;        /* UTC ISO-8601, exclusive; NULL: open */
  gint64      before;       /* only sequences below this; 0: from the newest */
  guint       limit;        /* 0: 200 */
} TonicAuditQuery;

/* AUDIT_VIEW. Newest first. A GPtrArray of TonicAuditEvent. */
void        tonic_store_list_audit_async    (TonicStore            *self,
                                             const TonicAuditQuery *query,
                                             GCancellable          *cancellable,
                                             GAsyncReadyCallback    callback,
                                             gpointer               user_data);
GPtrArray  *tonic_store_list_audit_finish   (TonicStore            *self,
                                             GAsyncResult          *result,
                                             GError               **error);

/* AUDIT_VIEW. Walks the whole chain in order: sequence numbers 1, 2, 3 …
 * without gaps, each prev_hash equal to the previous hash and each hash
 * recomputed from its row. Returns the first sequence number that breaks
 * the chain (for a missing row: the number that should be there), or 0 when
 * the trail is intact; -1 with @error set when it could not look. Audited
 * "audit.verify" with the answer. A missing tail is not a break: see
 * tonic_store_check_audit_head_async(). */
void        tonic_store_verify_audit_async  (TonicStore          *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gint64      tonic_store_verify_audit_finish (TonicStore          *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* The newest row's sequence number and hash (0 and NULL for an empty
 * trail). No permission needed: read at open, before anyone signs in. */
void        tonic_store_get_audit_head_async  (TonicStore          *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean    tonic_store_get_audit_head_finish (TonicStore          *self,
                                               GAsyncResult        *result,
                                               gint64             *sequence,
                                               char              **hash,
                                               GError            **error);

/* Compares the trail with the head recorded outside the database (in the
 * key-slot file). Fails with TONIC_STORE_ERROR_ROLLED_BACK when the
 * database has fewer rows than recorded (an older copy or a truncated one)
 * or when the row at @sequence has another hash (replaced). A recorded
 * sequence of 0 always passes. */
void        tonic_store_check_audit_head_async  (TonicStore          *self,
                                                 gint64               sequence,
                                                 const char          *hash,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean    tonic_store_check_audit_head_finish (TonicStore          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Signal on TonicStore: "audit-appended" (gint64 sequence, const char *hash),
 * emitted in the main context after each commit that appended audit rows,
 * with the new head, so the caller can record it outside the database. */

G_END_DECLS
