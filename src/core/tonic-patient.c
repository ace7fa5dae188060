/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-patient"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-check.h"
#include "tonic-mrn.h"
#include "tonic-patient.h"
#include "tonic-search.h"
#include "tonic-text.h"
#include "tonic-time.h"

struct _TonicPatient
{
  GObject parent_instance;

  /* Owned copies: every string is g_strdup()ed, never NULL. */
  TonicPatientFields  fields;
  char               *display_name;
};

G_DEFINE_FINAL_TYPE (TonicPatient, tonic_patient, G_TYPE_OBJECT)

/* The string members of TonicPatientFields and their property names. */
static const struct
{
  const char *name;
  gsize       offset;
} string_members[] = {
  { "uuid", G_STRUCT_OFFSET (TonicPatientFields, uuid) },
  { "mrn", G_STRUCT_OFFSET (TonicPatientFields, mrn) },
  { "legal-name", G_STRUCT_OFFSET (TonicPatientFields, legal_name) },
  { "preferred-name", G_STRUCT_OFFSET (TonicPatientFields, preferred_name) },
  { "pronouns", G_STRUCT_OFFSET (TonicPatientFields, pronouns) },
  { "date-of-birth", G_STRUCT_OFFSET (TonicPatientFields, date_of_birth) },
  { "gender", G_STRUCT_OFFSET (TonicPatientFields, gender) },
  { "phone-mobile", G_STRUCT_OFFSET (TonicPatientFields, phone_mobile) },
  { "phone-other", G_STRUCT_OFFSET (TonicPatientFields, phone_other) },
  { "email", G_STRUCT_OFFSET (TonicPatientFields, email) },
  { "address-line1", G_STRUCT_OFFSET (TonicPatientFields, address_line1) },
  { "address-line2", G_STRUCT_OFFSET (TonicPatientFields, address_line2) },
  { "city", G_STRUCT_OFFSET (TonicPatientFields, city) },
  { "region", G_STRUCT_OFFSET (TonicPatientFields, region) },
  { "postcode", G_STRUCT_OFFSET (TonicPatientFields, postcode) },
  { "emergency-name", G_STRUCT_OFFSET (TonicPatientFields, emergency_name) },
  { "emergency-relationship", G_STRUCT_OFFSET (TonicPatientFields, emergency_relationship) },
  { "emergency-phone", G_STRUCT_OFFSET (TonicPatientFields, emergency_phone) },
  { "referrer-name", G_STRUCT_OFFSET (TonicPatientFields, referrer_name) },
  { "referrer-practice", G_STRUCT_OFFSET (TonicPatientFields, referrer_practice) },
  { "referrer-phone", G_STRUCT_OFFSET (TonicPatientFields, referrer_phone) },
  { "referrer-email", G_STRUCT_OFFSET (TonicPatientFields, referrer_email) },
  { "allergies", G_STRUCT_OFFSET (TonicPatientFields, allergies) },
  { "note", G_STRUCT_OFFSET (TonicPatientFields, note) },
  { "created-at", G_STRUCT_OFFSET (TonicPatientFields, created_at) },
  { "updated-at", G_STRUCT_OFFSET (TonicPatientFields, updated_at) },
  { "scale-due-on", G_STRUCT_OFFSET (TonicPatientFields, scale_due_on) },
};

#define N_STRING_MEMBERS 27
G_STATIC_ASSERT (G_N_ELEMENTS (string_members) == N_STRING_MEMBERS);

#define STRING_MEMBER(fields, i) \
  G_STRUCT_MEMBER (const char *, (fields), string_members[(i)].offset)

enum {
  PROP_0,
  PROP_ID,
  PROP_SEX,
  PROP_INDICATIONS,
  PROP_ARCHIVED,
  PROP_DISPLAY_NAME,
  PROP_COURSE_PHASE,
  PROP_SAFETY_ALERT,
  PROP_FIRST_STRING,
  N_PROPS = PROP_FIRST_STRING + N_STRING_MEMBERS
};

static GParamSpec *properties[N_PROPS];

static const char *field_ids[] = {
  "mrn", "legal-name", "preferred-name", "pronouns", "date-of-birth", "sex",
  "gender", "phone-mobile", "phone-other", "email", "address-line1",
  "address-line2", "city", "region", "postcode", "emergency-name",
  "emergency-relationship", "emergency-phone", "referrer-name",
  "referrer-practice", "referrer-phone", "referrer-email", "indications",
  "allergies", "note",
};

G_STATIC_ASSERT (G_N_ELEMENTS (field_ids) == TONIC_N_PATIENT_FIELDS);

static const struct
{
  TonicSex    sex;
  const char *nick;
  const char *label;
} sexes[] = {
  { TONIC_SEX_UNKNOWN, "unknown", N_("Not recorded") },
  { TONIC_SEX_FEMALE, "female", N_("Female") },
  { TONIC_SEX_MALE, "male", N_("Male") },
  { TONIC_SEX_INTERSEX, "intersex", N_("Intersex") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (sexes) == TONIC_N_SEXES);

GType
tonic_sex_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { TONIC_SEX_UNKNOWN, "TONIC_SEX_UNKNOWN", "unknown" },
        { TONIC_SEX_FEMALE, "TONIC_SEX_FEMALE", "female" },
        { TONIC_SEX_MALE, "TONIC_SEX_MALE", "male" },
        { TONIC_SEX_INTERSEX, "TONIC_SEX_INTERSEX", "intersex" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type_id, g_enum_register_static ("TonicSex", values));
    }

  return type_id;
}

const char *
tonic_sex_to_string (TonicSex sex)
{
  g_return_val_if_fail ((guint) sex < TONIC_N_SEXES, NULL);

  return sexes[sex].nick;
}

gboolean
tonic_sex_from_string (const char *str,
                       TonicSex   *sex)
{
  g_return_val_if_fail (sex != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (sexes); i++)
    {
      if (g_str_equal (str, sexes[i].nick))
        {
          *sex = sexes[i].sex;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
tonic_sex_get_label (TonicSex sex)
{
  g_return_val_if_fail ((guint) sex < TONIC_N_SEXES, NULL);

  return _(sexes[sex].label);
}

const char *
tonic_patient_field_to_string (TonicPatientField field)
{
  g_return_val_if_fail ((guint) field < TONIC_N_PATIENT_FIELDS, NULL);

  return field_ids[field];
}

static void
tonic_patient_finalize (GObject *object)
{
  TonicPatient *self = (TonicPatient *) object;

  for (guint i = 0; i < N_STRING_MEMBERS; i++)
    g_free ((char *) STRING_MEMBER (&self->fields, i));
  g_clear_pointer (&self->display_name, g_free);

  G_OBJECT_CLASS (tonic_patient_parent_class)->finalize (object);
}

static void
tonic_patient_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TonicPatient *self = TONIC_PATIENT (object);

  if (prop_id >= PROP_FIRST_STRING && prop_id < N_PROPS)
    {
      g_value_set_string (value, STRING_MEMBER (&self->fields, prop_id - PROP_FIRST_STRING));
      return;
    }

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->fields.id);
      break;
    case PROP_SEX:
      g_value_set_enum (value, self->fields.sex);
      break;
    case PROP_INDICATIONS:
      g_value_set_flags (value, self->fields.indications);
      break;
    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->fields.archived);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_COURSE_PHASE:
      g_value_set_int (value, self->fields.course_phase);
      break;
    case PROP_SAFETY_ALERT:
      g_value_set_boolean (value, self->fields.safety_alert);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tonic_patient_class_init (TonicPatientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tonic_patient_finalize;
  object_class->get_property = tonic_patient_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEX] =
    g_param_spec_enum ("sex", NULL, NULL, TONIC_TYPE_SEX, TONIC_SEX_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INDICATIONS] =
    g_param_spec_flags ("indications", NULL, NULL, TONIC_TYPE_INDICATION, TONIC_INDICATION_NONE,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COURSE_PHASE] =
    g_param_spec_int ("course-phase", NULL, NULL, TONIC_COURSE_PHASE_NONE,
                      TONIC_COURSE_PHASE_ENDED, TONIC_COURSE_PHASE_NONE,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAFETY_ALERT] =
    g_param_spec_boolean ("safety-alert", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  for (guint i = 0; i < N_STRING_MEMBERS; i++)
    properties[PROP_FIRST_STRING + i] =
      g_param_spec_string (string_members[i].name, NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tonic_patient_init (TonicPatient *self)
{
}

TonicPatient *
tonic_patient_new (const TonicPatientFields *fields)
{
  TonicPatient *self;

  g_return_val_if_fail (fields != NULL, NULL);
  g_return_val_if_fail (fields->id >= 0, NULL);
  g_return_val_if_fail ((guint) fields->sex < TONIC_N_SEXES, NULL);
  g_return_val_if_fail ((fields->indications & ~TONIC_INDICATION_ALL) == 0, NULL);
  g_return_val_if_fail ((guint) fields->course_phase <= TONIC_COURSE_PHASE_ENDED, NULL);

  self = g_object_new (TONIC_TYPE_PATIENT, NULL);
  self->fields = *fields;
  self->fields.archived = !!fields->archived;
  self->fields.safety_alert = !!fields->safety_alert;

  for (guint i = 0; i < N_STRING_MEMBERS; i++)
    {
      const char *value = STRING_MEMBER (fields, i);

      STRING_MEMBER (&self->fields, i) = g_strdup (value != NULL ? value : "");
    }

  self->display_name = tonic_patient_format_display_name (self->fields.legal_name,
                                                          self->fields.preferred_name);

  return self;
}

void
tonic_patient_get_fields (TonicPatient       *self,
                          TonicPatientFields *out)
{
  g_return_if_fail (TONIC_IS_PATIENT (self));
  g_return_if_fail (out != NULL);

  *out = self->fields;
}

gint64
tonic_patient_get_id (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), 0);
  return self->fields.id;
}

const char *
tonic_patient_get_uuid (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.uuid;
}

const char *
tonic_patient_get_mrn (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.mrn;
}

const char *
tonic_patient_get_legal_name (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.legal_name;
}

const char *
tonic_patient_get_preferred_name (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.preferred_name;
}

const char *
tonic_patient_get_pronouns (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.pronouns;
}

const char *
tonic_patient_get_date_of_birth (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.date_of_birth;
}

gboolean
tonic_patient_get_birth_date (TonicPatient *self,
                              GDate        *out)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  return tonic_date_parse_iso (self->fields.date_of_birth, out);
}

int
tonic_patient_get_age (TonicPatient *self,
                       const GDate  *today)
{
  GDate birth;
  GDate local_today;

  g_return_val_if_fail (TONIC_IS_PATIENT (self), -1);

  if (!tonic_date_parse_iso (self->fields.date_of_birth, &birth))
    return -1;

  if (today == NULL)
    {
      tonic_date_set_today (&local_today);
      today = &local_today;
    }

  return tonic_date_years_between (&birth, today);
}

TonicSex
tonic_patient_get_sex (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), TONIC_SEX_UNKNOWN);
  return self->fields.sex;
}

const char *
tonic_patient_get_gender (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.gender;
}

const char *
tonic_patient_get_phone_mobile (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.phone_mobile;
}

const char *
tonic_patient_get_phone_other (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.phone_other;
}

const char *
tonic_patient_get_email (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.email;
}

const char *
tonic_patient_get_address_line1 (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.address_line1;
}

const char *
tonic_patient_get_address_line2 (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.address_line2;
}

const char *
tonic_patient_get_city (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.city;
}

const char *
tonic_patient_get_region (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.region;
}

const char *
tonic_patient_get_postcode (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.postcode;
}

const char *
tonic_patient_get_emergency_name (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.emergency_name;
}

const char *
tonic_patient_get_emergency_relationship (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.emergency_relationship;
}

const char *
tonic_patient_get_emergency_phone (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.emergency_phone;
}

const char *
tonic_patient_get_referrer_name (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.referrer_name;
}

const char *
tonic_patient_get_referrer_practice (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.referrer_practice;
}

const char *
tonic_patient_get_referrer_phone (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.referrer_phone;
}

const char *
tonic_patient_get_referrer_email (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.referrer_email;
}

TonicIndication
tonic_patient_get_indications (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), TONIC_INDICATION_NONE);
  return self->fields.indications;
}

const char *
tonic_patient_get_allergies (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.allergies;
}

const char *
tonic_patient_get_note (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.note;
}

gboolean
tonic_patient_get_archived (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), FALSE);
  return self->fields.archived;
}

const char *
tonic_patient_get_created_at (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.created_at;
}

const char *
tonic_patient_get_updated_at (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.updated_at;
}

TonicCoursePhase
tonic_patient_get_course_phase (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), TONIC_COURSE_PHASE_NONE);
  return self->fields.course_phase;
}

const char *
tonic_patient_get_scale_due_on (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return self->fields.scale_due_on;
}

gboolean
tonic_patient_get_safety_alert (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), FALSE);
  return self->fields.safety_alert;
}

gboolean
tonic_patient_is_scale_overdue (TonicPatient *self,
                                const GDate  *today)
{
  GDate due;
  GDate local_today;

  g_return_val_if_fail (TONIC_IS_PATIENT (self), FALSE);

  if (!tonic_date_parse_iso (self->fields.scale_due_on, &due))
    return FALSE;

  if (today == NULL)
    {
      tonic_date_set_today (&local_today);
      today = &local_today;
    }

  return g_date_compare (&due, today) < 0;
}

char *
tonic_patient_dup_display_name (TonicPatient *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENT (self), NULL);
  return g_strdup (self->display_name);
}

char *
tonic_patient_format_display_name (const char *legal_name,
                                   const char *preferred_name)
{
  g_autofree char *legal = tonic_text_strip (legal_name);
  g_autofree char *preferred = tonic_text_strip (preferred_name);
  g_autofree char *legal_key = NULL;
  g_autofree char *preferred_key = NULL;

  if (*preferred == '\0')
    return g_steal_pointer (&legal);
  if (*legal == '\0')
    return g_steal_pointer (&preferred);

  legal_key = tonic_search_fold (legal);
  preferred_key = tonic_search_fold (preferred);
  if (g_str_equal (legal_key, preferred_key))
    return g_steal_pointer (&legal);

  /* Translators: a patient's name as shown in lists: the name they go by,
   * then their legal name, as in "Sam (Samantha Okafor)". */
  return g_strdup_printf (C_("patient name", "%1$s (%2$s)"), preferred, legal);
}

char *
tonic_patient_check_date_of_birth (const char  *date_of_birth,
                                   const GDate *today)
{
  GDate birth;
  GDate local_today;
  g_autofree char *stripped = tonic_text_strip (date_of_birth);

  if (*stripped == '\0')
    return g_strdup (_("Enter the date of birth"));

  /* Strict on the text itself: what is accepted is what the store keeps
   * and tonic_patient_get_birth_date() reads back. */
  if (!tonic_date_parse_iso (date_of_birth, &birth))
    return g_strdup (_("Enter a real date of birth"));

  if (today == NULL || !g_date_valid (today))
    {
      tonic_date_set_today (&local_today);
      today = &local_today;
    }

  if (g_date_compare (&birth, today) > 0)
    return g_strdup (_("The date of birth can’t be in the future"));

  if (g_date_get_year (&birth) < TONIC_PATIENT_EARLIEST_BIRTH_YEAR)
    return g_strdup_printf (_("Enter a date of birth in %d or later"),
                            TONIC_PATIENT_EARLIEST_BIRTH_YEAR);

  if (tonic_date_years_between (&birth, today) > TONIC_PATIENT_MAX_AGE)
    return g_strdup_printf (_("This date of birth gives an age over %d"),
                            TONIC_PATIENT_MAX_AGE);

  return NULL;
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *stripped = tonic_text_strip (text);

  return *stripped == '\0';
}

char *
tonic_patient_check_field (const TonicPatientFields *f,
                           TonicPatientField         field,
                           const GDate              *today)
{
  g_return_val_if_fail (f != NULL, NULL);
  g_return_val_if_fail ((guint) field < TONIC_N_PATIENT_FIELDS, NULL);

  switch (field)
    {
    case TONIC_PATIENT_FIELD_MRN:
      if (f->mrn == NULL || is_blank (f->mrn) || tonic_mrn_is_valid (f->mrn))
        return NULL;
      return g_strdup (_("This is not a valid medical record number"));

    case TONIC_PATIENT_FIELD_LEGAL_NAME:
      return tonic_check_required_name (f->legal_name, TONIC_PATIENT_NAME_MAX,
                                        _("Enter the patient’s legal name"));

    case TONIC_PATIENT_FIELD_PREFERRED_NAME:
      return tonic_check_optional_line (f->preferred_name, TONIC_PATIENT_NAME_MAX);

    case TONIC_PATIENT_FIELD_PRONOUNS:
      return tonic_check_optional_line (f->pronouns, TONIC_PATIENT_PRONOUNS_MAX);

    case TONIC_PATIENT_FIELD_DATE_OF_BIRTH:
      return tonic_patient_check_date_of_birth (f->date_of_birth, today);

    case TONIC_PATIENT_FIELD_SEX:
      if ((guint) f->sex < TONIC_N_SEXES)
        return NULL;
      return g_strdup (_("Choose one of the listed options"));

    case TONIC_PATIENT_FIELD_GENDER:
      return tonic_check_optional_line (f->gender, TONIC_PATIENT_GENDER_MAX);

    case TONIC_PATIENT_FIELD_PHONE_MOBILE:
      return tonic_check_phone (f->phone_mobile);

    case TONIC_PATIENT_FIELD_PHONE_OTHER:
      return tonic_check_phone (f->phone_other);

    case TONIC_PATIENT_FIELD_EMAIL:
      return tonic_check_email (f->email);

    case TONIC_PATIENT_FIELD_ADDRESS_LINE1:
      return tonic_check_optional_line (f->address_line1, TONIC_PATIENT_ADDRESS_LINE_MAX);

    case TONIC_PATIENT_FIELD_ADDRESS_LINE2:
      return tonic_check_optional_line (f->address_line2, TONIC_PATIENT_ADDRESS_LINE_MAX);

    case TONIC_PATIENT_FIELD_CITY:
      return tonic_check_optional_line (f->city, TONIC_PATIENT_PLACE_MAX);

    case TONIC_PATIENT_FIELD_REGION:
      return tonic_check_optional_line (f->region, TONIC_PATIENT_PLACE_MAX);

    case TONIC_PATIENT_FIELD_POSTCODE:
      return tonic_check_optional_line (f->postcode, TONIC_PATIENT_POSTCODE_MAX);

    case TONIC_PATIENT_FIELD_EMERGENCY_NAME:
      if (is_blank (f->emergency_name))
        {
          if (!is_blank (f->emergency_phone) || !is_blank (f->emergency_relationship))
            return g_strdup (_("Enter the emergency contact’s name"));
          return NULL;
        }
      return tonic_check_required_name (f->emergency_name, TONIC_PATIENT_NAME_MAX,
                                        _("Enter the emergency contact’s name"));

    case TONIC_PATIENT_FIELD_EMERGENCY_RELATIONSHIP:
      return tonic_check_optional_line (f->emergency_relationship,
                                        TONIC_PATIENT_RELATIONSHIP_MAX);

    case TONIC_PATIENT_FIELD_EMERGENCY_PHONE:
      if (is_blank (f->emergency_phone) && !is_blank (f->emergency_name))
        return g_strdup (_("Enter a phone number for the emergency contact"));
      return tonic_check_phone (f->emergency_phone);

    case TONIC_PATIENT_FIELD_REFERRER_NAME:
      if (is_blank (f->referrer_name))
        return NULL;
      return tonic_check_required_name (f->referrer_name, TONIC_PATIENT_NAME_MAX,
                                        _("Enter the referring clinician’s name"));

    case TONIC_PATIENT_FIELD_REFERRER_PRACTICE:
      return tonic_check_optional_line (f->referrer_practice, TONIC_PATIENT_PRACTICE_MAX);

    case TONIC_PATIENT_FIELD_REFERRER_PHONE:
      return tonic_check_phone (f->referrer_phone);

    case TONIC_PATIENT_FIELD_REFERRER_EMAIL:
      return tonic_check_email (f->referrer_email);

    case TONIC_PATIENT_FIELD_INDICATIONS:
      if ((f->indications & ~TONIC_INDICATION_ALL) == 0)
        return NULL;
      return g_strdup (_("Choose from the listed indications"));

    case TONIC_PATIENT_FIELD_ALLERGIES:
      return tonic_check_multiline (f->allergies, TONIC_PATIENT_TEXT_MAX);

    case TONIC_PATIENT_FIELD_NOTE:
      return tonic_check_multiline (f->note, TONIC_PATIENT_TEXT_MAX);

    default:
      break;
    }

  g_return_val_if_reached (NULL);
}

gboolean
tonic_patient_check (const TonicPatientFields  *fields,
                     const GDate               *today,
                     TonicPatientField         *field,
                     char                     **message)
{
  g_return_val_if_fail (fields != NULL, FALSE);

  if (message != NULL)
    *message = NULL;

  for (guint i = 0; i < TONIC_N_PATIENT_FIELDS; i++)
    {
      g_autofree char *problem = tonic_patient_check_field (fields, i, today);

      if (problem != NULL)
        {
          if (field != NULL)
            *field = i;
          if (message != NULL)
            *message = g_steal_pointer (&problem);
          return FALSE;
        }
    }

  return TRUE;
}
