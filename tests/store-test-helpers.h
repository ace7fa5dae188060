/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tonic-store-private.h"

G_BEGIN_DECLS

#define STORE_TEST_PRACTICE_NAME "Clinique Kétamine — Zürich Süd"
#define STORE_TEST_ADMIN_NAME    "Ada Lovelace-Nakamura"
#define STORE_TEST_ADMIN_USER    "Ada.Admin"
#define STORE_TEST_ADMIN_HASH    "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"
/* The password of store_test_new_signable_admin() and store_test_open_signed_in(). */
#define STORE_TEST_PASSWORD      "Kétamine-Zürich-2026!"

/* A new 0700 temporary directory; store_test_remove_dir() removes it. */
char          *store_test_make_dir         (void);
void           store_test_remove_dir       (const char    *dir);

/* A key made of the bytes seed, seed+1, … (two seeds, two keys). */
TonicKey      *store_test_key              (guint8         seed);

/* For blocking on an async call: pass store_test_on_ready and a NULL
 * GAsyncResult pointer's address as its callback and data, then
 * store_test_wait_for() iterates the thread-default main context until the
 * result (which the pointer then owns) is in. */
void           store_test_on_ready         (GObject       *source_object,
                                            GAsyncResult  *result,
                                            gpointer       user_data);
GAsyncResult  *store_test_wait_for         (GAsyncResult **result);

/* Blocking wrappers over the async API, iterating the thread-default
 * main context (tests only: the app never waits). */
TonicStore    *store_test_open             (const char          *path,
                                            TonicKey            *key,
                                            TonicStoreOpenFlags  flags,
                                            GError             **error);
gboolean       store_test_create_practice  (TonicStore    *store,
                                            TonicPractice *practice,
                                            TonicStaff    *admin,
                                            GError       **error);
TonicPractice *store_test_get_practice     (TonicStore    *store,
                                            GError       **error);
/* The staff row with this (typed) username, active or not, read
 * directly on the worker: no sign-in, no audit row. */
TonicStaff    *store_test_find_staff       (TonicStore    *store,
                                            const char    *username,
                                            GError       **error);

/* A real Argon2id hash of @password, made once per password and process
 * (the string stays valid until the process ends). */
const char    *store_test_hash             (const char    *password);
/* The default admin with a real hash of STORE_TEST_PASSWORD. */
TonicStaff    *store_test_new_signable_admin (void);
/* Creates a practice at @path (the default admin, with a real hash of
 * STORE_TEST_PASSWORD), opens it and signs the admin in. */
TonicStore    *store_test_open_signed_in   (const char    *path,
                                            TonicKey      *key);

TonicStaff    *store_test_sign_in          (TonicStore          *store,
                                            const char          *username,
                                            const char          *password,
                                            GError             **error);
gboolean       store_test_sign_out         (TonicStore          *store,
                                            TonicSignOutReason   reason,
                                            GError             **error);
gboolean       store_test_check            (TonicStore          *store,
                                            TonicAction          action,
                                            GError             **error);
gboolean       store_test_begin_emergency  (TonicStore          *store,
                                            const char          *reason,
                                            GError             **error);
char          *store_test_get_setting      (TonicStore          *store,
                                            const char          *name,
                                            GError             **error);
gboolean       store_test_set_setting      (TonicStore          *store,
                                            const char          *name,
                                            const char          *value,
                                            GError             **error);
GPtrArray     *store_test_list_staff       (TonicStore          *store,
                                            gboolean             include_inactive,
                                            GError             **error);
TonicStaff    *store_test_add_staff        (TonicStore          *store,
                                            const char          *username,
                                            const char          *display_name,
                                            TonicRole            role,
                                            const char          *password_hash,
                                            GError             **error);
TonicStaff    *store_test_update_staff     (TonicStore          *store,
                                            gint64               staff_id,
                                            const char          *display_name,
                                            TonicRole            role,
                                            GError             **error);
TonicStaff    *store_test_set_staff_active (TonicStore          *store,
                                            gint64               staff_id,
                                            gboolean             active,
                                            GError             **error);
gboolean       store_test_set_staff_password (TonicStore        *store,
                                              gint64             staff_id,
                                              const char        *password_hash,
                                              GError           **error);
gboolean       store_test_audit            (TonicStore          *store,
                                            const char          *action,
                                            gint64               patient_id,
                                            const char          *object_type,
                                            const char          *object_id,
                                            const char          *detail,
                                            GError             **error);
GPtrArray     *store_test_list_audit       (TonicStore            *store,
                                            const TonicAuditQuery *query,
                                            GError               **error);
/* -1 on error. */
gint64         store_test_verify_audit     (TonicStore          *store,
                                            GError             **error);
gboolean       store_test_get_audit_head   (TonicStore          *store,
                                            gint64              *sequence,
                                            char               **hash,
                                            GError             **error);
gboolean       store_test_check_audit_head (TonicStore          *store,
                                            gint64               sequence,
                                            const char          *hash,
                                            GError             **error);

/* Audit rows with @action and @outcome (NULL: any) by @staff_id (0: any,
 * -1: rows with no staff member), counted directly on the worker. */
guint          store_test_count_audit      (TonicStore          *store,
                                            const char          *action,
                                            const char          *outcome,
                                            gint64               staff_id);
/* Every audit row as one line of text, oldest first, for tests that look
 * for what must never be in the trail. */
char          *store_test_dump_audit       (TonicStore          *store);
/* Runs pending sources of the default main context, after a round trip to
 * the worker: whatever the jobs queued before announced has arrived. */
void           store_test_flush            (TonicStore          *store);

/* Runs @sql on the store's worker (a job), returning the first column of
 * the first row as text (NULL when no row). */
char          *store_test_query            (TonicStore    *store,
                                            const char    *sql,
                                            GError       **error);

/* Asserts that store_test_query() gives @expected without an error. */
void           store_test_assert_query     (TonicStore    *store,
                                            const char    *sql,
                                            const char    *expected);
/* Runs @sql on the worker and asserts it fails with @domain and @code. */
void           store_test_assert_query_error (TonicStore  *store,
                                              const char  *sql,
                                              GQuark       domain,
                                              int          code);

/* The default practice and admin objects used by the tests. */
TonicPractice *store_test_new_practice     (void);
TonicStaff    *store_test_new_admin        (void);

/* Creates a practice database at @path with the default practice and its
 * administrator, then closes it. */
void           store_test_make_practice_db (const char    *path,
                                            TonicKey      *key);

/* A connection of the test's own to @path (keyed when @key is not NULL),
 * bypassing the store: to make states the store would never make. */
sqlite3       *store_test_raw_open         (const char    *path,
                                            TonicKey      *key);
void           store_test_raw_exec         (sqlite3       *db,
                                            const char    *sql);
/* Runs @sql there and asserts a trigger refuses it with @message. */
void           store_test_raw_refused      (sqlite3       *db,
                                            const char    *sql,
                                            const char    *message);

/* SHA-256 of the file's bytes; NULL when it does not exist. */
char          *store_test_checksum         (const char    *path);
/* The sorted names in @dir, joined by spaces. */
char          *store_test_list_dir         (const char    *dir);
/* Asserts that the listing of @dir is @expected. */
void           store_test_assert_dir       (const char    *dir,
                                            const char    *expected);
/* Copies a file byte for byte. */
void           store_test_copy_file        (const char    *from,
                                            const char    *to);

G_END_DECLS
