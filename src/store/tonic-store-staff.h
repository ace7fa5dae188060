/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Included by tonic-store.h: signing in, emergency access, settings and
 * staff accounts. Every call below checks the signed-in staff member's
 * permission (tonic_permission_allows()) on the worker, in the store: a
 * refused call fails with TONIC_STORE_ERROR_DENIED and writes a "denied"
 * audit row; a call with nobody signed in fails with DENIED too. Every
 * change writes its audit row in the same transaction as the change. */

G_BEGIN_DECLS

/* -- Signing in ------------------------------------------------------------ */

/* Verifies @password (Argon2id, on the worker) for the active staff member
 * @username and makes them the store's actor. An unknown username and a
 * wrong password give the same DENIED error with the same message, after
 * the same time. Failures for a username are counted: from the third in a
 * row, the next attempt is refused for a growing wait (2, 4, 8 … 60 s) with
 * TONIC_STORE_ERROR_THROTTLED, whose message says how long; see
 * tonic_store_get_sign_in_wait(). Audited: "sign-in" ok, failed or denied
 * (throttled), with the staff id when the username exists (the detail says
 * why: never what was typed). Success replaces any previous actor and ends
 * emergency access; a failure leaves the actor as it was. The staff member
 * returned (and the actor) carries no password hash. */
void        tonic_store_sign_in_async        (TonicStore          *self,
                                              const char          *username,
                                              const char          *password,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
TonicStaff *tonic_store_sign_in_finish       (TonicStore          *self,
                                              GAsyncResult        *result,
                                              GError             **error);
/* Seconds until @username may try again (0: now). Any thread. */
guint       tonic_store_get_sign_in_wait     (TonicStore          *self,
                                              const char          *username);

typedef enum
{
  TONIC_SIGN_OUT_USER,   /* "Sign Out" */
  TONIC_SIGN_OUT_LOCK,   /* Ctrl+L */
  TONIC_SIGN_OUT_IDLE,   /* the idle lock */
} TonicSignOutReason;

/* Audits "sign-out", "lock" or "idle-lock" (with the emergency flag when
 * leaving emergency access) and forgets the actor and any emergency access,
 * even when the audit row cannot be written (the error is returned). With
 * nobody signed in, does nothing. */
void        tonic_store_sign_out_async       (TonicStore          *self,
                                              TonicSignOutReason   reason,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean    tonic_store_sign_out_finish      (TonicStore          *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* The signed-in staff member (a new reference), or NULL. Any thread. */
TonicStaff *tonic_store_dup_actor            (TonicStore          *self);

/* Checks @action for the actor, exactly as a repository call does
 * (including the denied audit row): for actions whose repositories come
 * later, and for the GUI to ask before offering something. When only
 * emergency access allows it, each check is a use, audited "ok" under the
 * action's name with the emergency flag. */
void        tonic_store_check_async          (TonicStore          *self,
                                              TonicAction          action,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean    tonic_store_check_finish         (TonicStore          *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* -- Emergency (break-glass) access --------------------------------------- */

#define TONIC_SETTING_EMERGENCY_ACCESS "emergency-access-enabled"  /* "true"/"false" */
#define TONIC_EMERGENCY_REASON_MIN_CHARS 10

/* Opens emergency access for the actor until sign-out: actions that
 * tonic_permission_allows_in_emergency() become allowed, and each such use
 * is audited with the emergency flag. Needs the practice setting enabled
 * (DENIED otherwise) and a typed @reason of at least
 * TONIC_EMERGENCY_REASON_MIN_CHARS characters (INVALID otherwise). Audited:
 * "emergency-access" with the reason as detail, emergency flag set. */
void        tonic_store_begin_emergency_async  (TonicStore          *self,
                                                const char          *reason,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean    tonic_store_begin_emergency_finish (TonicStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);
/* Whether the actor is under emergency access. Any thread. */
gboolean    tonic_store_get_emergency        (TonicStore          *self);

/* -- Practice settings ----------------------------------------------------- */

/* Any signed-in staff member may read a setting; NULL value when unset. */
void        tonic_store_get_setting_async    (TonicStore          *self,
                                              const char          *name,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
char       *tonic_store_get_setting_finish   (TonicStore          *self,
                                              GAsyncResult        *result,
                                              GError             **error);
/* SETTINGS_MANAGE. Audited "setting.change" with the name (and value) as
 * detail; setting the value a setting already has writes nothing.
 * TONIC_SETTING_EMERGENCY_ACCESS takes "true" or "false" only (INVALID). */
void        tonic_store_set_setting_async    (TonicStore          *self,
                                              const char          *name,
                                              const char          *value,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean    tonic_store_set_setting_finish   (TonicStore          *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* -- Staff accounts -------------------------------------------------------- */

/* STAFF_VIEW. Sorted by display name; inactive ones too when asked. */
void        tonic_store_list_staff_async     (TonicStore          *self,
                                              gboolean             include_inactive,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* A GPtrArray of TonicStaff (free with g_ptr_array_unref). */
GPtrArray  *tonic_store_list_staff_finish    (TonicStore          *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* The active colleagues who may do @action, sorted by display name: whom a
 * nurse can name as the second person checking a dose (@action
 * SESSION_RECORD). Needs @action itself, not STAFF_VIEW; the signed-in
 * member is left out. A GPtrArray of TonicStaff, without password hashes. */
void        tonic_store_list_colleagues_async  (TonicStore          *self,
                                                TonicAction          action,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray  *tonic_store_list_colleagues_finish (TonicStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* STAFF_MANAGE. Validates like the setup (INVALID with the message for the
 * field; EXISTS for a taken username); @password_hash from
 * tonic_password_hash(). Audited "staff.add". Returns the saved member. */
void        tonic_store_add_staff_async      (TonicStore          *self,
                                              const char          *username,
                                              const char          *display_name,
                                              TonicRole            role,
                                              const char          *password_hash,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
TonicStaff *tonic_store_add_staff_finish     (TonicStore          *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* STAFF_MANAGE. Changes the name and role. The last active administrator
 * cannot lose the role (INVALID). Audited "staff.edit" (and the old and new
 * role in the detail when it changes); no change, no row. NOT_FOUND for an
 * unknown id. A change to the actor's own row applies at once. */
void        tonic_store_update_staff_async   (TonicStore          *self,
                                              gint64               staff_id,
                                              const char          *display_name,
                                              TonicRole            role,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
TonicStaff *tonic_store_update_staff_finish  (TonicStore          *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* STAFF_MANAGE. Deactivates (never deletes: the audit refers to them) or
 * reactivates. Nobody deactivates themselves or the last active
 * administrator (INVALID). Audited "staff.deactivate"/"staff.reactivate". */
void        tonic_store_set_staff_active_async  (TonicStore          *self,
                                                 gint64               staff_id,
                                                 gboolean             active,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
TonicStaff *tonic_store_set_staff_active_finish (TonicStore          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* STAFF_MANAGE, or the actor's own account. Audited "staff.password"
 * (detail "reset" or "own"). Anything but a tonic_password_hash() string is
 * INVALID, so that no password is ever stored in the clear. */
void        tonic_store_set_staff_password_async  (TonicStore          *self,
                                                   gint64               staff_id,
                                                   const char          *password_hash,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean    tonic_store_set_staff_password_finish (TonicStore          *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
