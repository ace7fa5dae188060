/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TONIC_VAULT_ERROR (tonic_vault_error_quark ())

/**
 * TonicVaultError:
 * @TONIC_VAULT_ERROR_NO_SERVICE: no Secret Service is running on this desktop
 * @TONIC_VAULT_ERROR_LOCKED: the keyring is locked and could not be unlocked
 * @TONIC_VAULT_ERROR_DISMISSED: the person dismissed the keyring's unlock prompt
 * @TONIC_VAULT_ERROR_NOT_FOUND: the keyring has no key for this practice
 * @TONIC_VAULT_ERROR_WRONG_RECOVERY_KEY: a well-formed recovery key that does not open the practice
 * @TONIC_VAULT_ERROR_MALFORMED_RECOVERY_KEY: the recovery key has a typing mistake (bad length, characters or checksum)
 * @TONIC_VAULT_ERROR_WRONG_PASSWORD: the staff password does not open the practice (or the user has no slot)
 * @TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE: the key-slot file cannot be read as one
 * @TONIC_VAULT_ERROR_WRONG_KEY: a key that does not match the practice's key-check value
 * @TONIC_VAULT_ERROR_NEWER_SLOT_FILE: a key-slot file written by a newer Tonic
 * @TONIC_VAULT_ERROR_IO: reading or writing a file failed
 * @TONIC_VAULT_ERROR_FAILED: anything else
 */
typedef enum
{
  TONIC_VAULT_ERROR_NO_SERVICE,
  TONIC_VAULT_ERROR_LOCKED,
  TONIC_VAULT_ERROR_DISMISSED,
  TONIC_VAULT_ERROR_NOT_FOUND,
  TONIC_VAULT_ERROR_WRONG_RECOVERY_KEY,
  TONIC_VAULT_ERROR_MALFORMED_RECOVERY_KEY,
  TONIC_VAULT_ERROR_WRONG_PASSWORD,
  TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE,
  TONIC_VAULT_ERROR_WRONG_KEY,
  TONIC_VAULT_ERROR_NEWER_SLOT_FILE,
  TONIC_VAULT_ERROR_IO,
  TONIC_VAULT_ERROR_FAILED,
} TonicVaultError;

GQuark tonic_vault_error_quark (void);

G_END_DECLS
