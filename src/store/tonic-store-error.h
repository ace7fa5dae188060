/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TONIC_STORE_ERROR (tonic_store_error_quark ())

/**
 * TonicStoreError:
 * @TONIC_STORE_ERROR_WRONG_KEY: the file is encrypted with another key (or is not ours)
 * @TONIC_STORE_ERROR_CORRUPT: the file is damaged (truncated, flipped bytes, failed integrity)
 * @TONIC_STORE_ERROR_NOT_A_DATABASE: empty, or not an encrypted database at all (random bytes, plain SQLite)
 * @TONIC_STORE_ERROR_FROM_NEWER_VERSION: written by a newer Tonic; left untouched
 * @TONIC_STORE_ERROR_NETWORK_FS: the practice is on a network file system
 * @TONIC_STORE_ERROR_IO: a read or write failed
 * @TONIC_STORE_ERROR_FULL: the disk is full
 * @TONIC_STORE_ERROR_NOT_FOUND: no such record (when opening: no database file at the path)
 * @TONIC_STORE_ERROR_INVALID: a value was refused (the message says which)
 * @TONIC_STORE_ERROR_EXISTS: a record with that unique value exists (when creating a
 *   database: a file is already at the path)
 * @TONIC_STORE_ERROR_DENIED: the signed-in staff member may not do this
 * @TONIC_STORE_ERROR_CLOSED: the store was closed
 * @TONIC_STORE_ERROR_THROTTLED: too many failed sign-ins: wait (the message says how long)
 * @TONIC_STORE_ERROR_ROLLED_BACK: the database is older than its recorded audit head
 * @TONIC_STORE_ERROR_FAILED: anything else
 */
typedef enum
{
  TONIC_STORE_ERROR_WRONG_KEY,
  TONIC_STORE_ERROR_CORRUPT,
  TONIC_STORE_ERROR_NOT_A_DATABASE,
  TONIC_STORE_ERROR_FROM_NEWER_VERSION,
  TONIC_STORE_ERROR_NETWORK_FS,
  TONIC_STORE_ERROR_IO,
  TONIC_STORE_ERROR_FULL,
  TONIC_STORE_ERROR_NOT_FOUND,
  TONIC_STORE_ERROR_INVALID,
  TONIC_STORE_ERROR_EXISTS,
  TONIC_STORE_ERROR_DENIED,
  TONIC_STORE_ERROR_CLOSED,
  TONIC_STORE_ERROR_THROTTLED,
  TONIC_STORE_ERROR_ROLLED_BACK,
  TONIC_STORE_ERROR_FAILED,
} TonicStoreError;

GQuark tonic_store_error_quark (void);

G_END_DECLS
