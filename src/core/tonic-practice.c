/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-practice"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-practice.h"
#include "tonic-text.h"

struct _TonicPractice
{
  GObject parent_instance;

  char *uuid;
  char *name;
  char *created_at;
};

G_DEFINE_FINAL_TYPE (TonicPractice, tonic_practice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_NAME,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tonic_practice_finalize (GObject *object)
{
  TonicPractice *self = (TonicPractice *) object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->created_at, g_free);

  G_OBJECT_CLASS (tonic_practice_parent_class)->finalize (object);
}

static void
tonic_practice_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TonicPractice *self = TONIC_PRACTICE (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, self->created_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tonic_practice_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TonicPractice *self = TONIC_PRACTICE (object);

  switch (prop_id)
    {
    case PROP_UUID:
      self->uuid = g_value_dup_string (value);
      break;
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_CREATED_AT:
      self->created_at = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tonic_practice_class_init (TonicPracticeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tonic_practice_finalize;
  object_class->get_property = tonic_practice_get_property;
  object_class->set_property = tonic_practice_set_property;

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tonic_practice_init (TonicPractice *self)
{
}

TonicPractice *
tonic_practice_new (const char *uuid,
                    const char *name,
                    const char *created_at)
{
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (TONIC_TYPE_PRACTICE,
                       "uuid", uuid,
                       "name", name,
                       "created-at", created_at,
                       NULL);
}

const char *
tonic_practice_get_uuid (TonicPractice *self)
{
  g_return_val_if_fail (TONIC_IS_PRACTICE (self), NULL);
  return self->uuid;
}

const char *
tonic_practice_get_name (TonicPractice *self)
{
  g_return_val_if_fail (TONIC_IS_PRACTICE (self), NULL);
  return self->name;
}

const char *
tonic_practice_get_created_at (TonicPractice *self)
{
  g_return_val_if_fail (TONIC_IS_PRACTICE (self), NULL);
  return self->created_at;
}

char *
tonic_practice_check_name (const char *name)
{
  return tonic_text_check_line (name, TONIC_PRACTICE_NAME_MAX,
                                _("Enter the practice’s name"));
}
