// Searchable contact fields. Source: the "Accepted Fields" and "Accepted Operators" tables in the
// description of POST /contacts/search (Intercom API 2.16), with types from the `contact` schema
// (spec/intercom/api.intercom.io.yaml).
import { CONTACT_ROLES } from '../../intercom/vocabulary.js';
import {
  BOOLEAN_OPS, EXACT_OPS, ORDERED_OPS, spec, STRING_OPS,
  type DslOperator, type FieldSpec, type FieldType, type ObjectCatalogue,
} from '../field-spec.js';

// "!=, >=, <=, IN and NIN are not supported on Date fields and return an error" (gte/lte emulated).
const CONTACT_DATE_OPS: readonly DslOperator[] = ['eq', 'gt', 'gte', 'lt', 'lte'];

function cont(field: string, type: FieldType, extra: Partial<FieldSpec> = {}): FieldSpec {
  const ops = type === 'string' ? STRING_OPS : type === 'boolean' ? BOOLEAN_OPS
    : type === 'date' ? CONTACT_DATE_OPS : type === 'integer' ? ORDERED_OPS : EXACT_OPS;
  return spec(field, type, ops, extra);
}

export const CONTACT_FIELDS: readonly FieldSpec[] = [
  cont('id', 'id'),
  cont('role', 'enum', { values: CONTACT_ROLES }),
  cont('name', 'string'),
  cont('avatar', 'string'),
  cont('owner_id', 'id'),
  cont('email', 'string'),
  cont('email_domain', 'string'),
  cont('phone', 'string'),
  cont('formatted_phone', 'string'),
  cont('external_id', 'string'),
  cont('created_at', 'date'),
  cont('signed_up_at', 'date'),
  cont('updated_at', 'date'),
  cont('last_seen_at', 'date'),
  cont('last_contacted_at', 'date'),
  cont('last_replied_at', 'date'),
  cont('last_email_opened_at', 'date'),
  cont('last_email_clicked_at', 'date'),
  cont('language_override', 'string'),
  cont('browser', 'string'),
  cont('browser_language', 'string'),
  cont('os', 'string'),
  cont('location.country', 'string'),
  cont('location.region', 'string'),
  cont('location.city', 'string'),
  cont('unsubscribed_from_emails', 'boolean'),
  cont('marked_email_as_spam', 'boolean'),
  cont('has_hard_bounced', 'boolean'),
  cont('ios_last_seen_at', 'date'),
  cont('ios_app_version', 'string'),
  cont('ios_device', 'string'),
  cont('ios_app_device', 'string'),
  cont('ios_os_version', 'string'),
  cont('ios_app_name', 'string'),
  cont('ios_sdk_version', 'string'),
  cont('android_last_seen_at', 'date'),
  cont('android_app_version', 'string'),
  cont('android_device', 'string'),
  cont('android_app_name', 'string'),
  // The table says `andoid_sdk_version`; the contact schema (and API) spell it android_sdk_version.
  cont('android_sdk_version', 'string', { specName: 'andoid_sdk_version' }),
  cont('segment_id', 'id'),
  // "Searching by tag_id supports only the = and != operators."
  spec('tag_id', 'id', ['eq', 'neq']),
];

export const CONTACTS: ObjectCatalogue = {
  fields: CONTACT_FIELDS,
  freeText: ['name', 'email', 'phone'],
  comparisons: 'calendar-days',
  customAttributes: true,
  cheatsheet: 'Contacts: email email_domain name phone external_id role created_at last_seen_at custom_attributes.NAME.',
};
