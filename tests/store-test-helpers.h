/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tonic-store-private.h"

G_BEGIN_DECLS

#define STORE_TEST_PRACTICE_NAME "Clinique Kétamine — Zürich Süd"
#define STORE_TEST_ADMIN_NAME    "Ada Lovelace-Nakamura"
#define STORE_TEST_ADMIN_USER    "Ada.Admin"
#define STORE_TEST_ADMIN_HASH    "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"

/* A new 0700 temporary directory; store_test_remove_dir() removes it. */
char          *store_test_make_dir         (void);
void           store_test_remove_dir       (const char    *dir);

/* A key made of the bytes seed, seed+1, … (two seeds, two keys). */
TonicKey      *store_test_key              (guint8         seed);

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
TonicStaff    *store_test_find_staff       (TonicStore    *store,
                                            const char    *username,
                                            GError       **error);

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
