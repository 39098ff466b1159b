import { seededId } from '../tokens.js';
import type { CycleStanding } from './account-book.js';

/**
 * The subscription object of `/v1/user` (without the invoice fields). Every key `@elevenlabs/elevenlabs-js`
 * 2.x requires is present (it validates the reply strictly); the account figures are live:
 * `character_count` is the credits used this cycle, `next_character_count_reset_unix` the next anchor day.
 */
export function subscriptionCore(tier: string, standing: CycleStanding): Record<string, unknown> {
  return {
    tier,
    character_count: standing.used,
    character_limit: standing.limit,
    max_character_limit_extension: null,
    max_credit_limit_extension: 0,
    can_extend_character_limit: true,
    allowed_to_extend_character_limit: true,
    next_character_count_reset_unix: Math.floor(standing.cycle.end / 1000),
    voice_slots_used: 0,
    professional_voice_slots_used: 0,
    professional_voice_slots_used_in_workspace: 0,
    voice_limit: 30,
    max_voice_add_edits: null,
    voice_add_edit_counter: 0,
    professional_voice_limit: 1,
    can_extend_voice_limit: false,
    can_use_instant_voice_cloning: true,
    can_use_professional_voice_cloning: true,
    currency: 'usd',
    current_overage: { amount: '0', currency: 'usd' },
    status: 'active',
    billing_period: 'monthly_period',
    character_refresh_period: 'monthly_period',
  };
}

/** `GET /v1/user/subscription`. */
export function subscriptionBody(tier: string, standing: CycleStanding): Record<string, unknown> {
  return { ...subscriptionCore(tier, standing), next_invoice: null, open_invoices: [], has_open_invoices: false };
}

/** `GET /v1/user`; ids are seeded by the key fingerprint, so they are stable per key. */
export function userBody(keyId: string, tier: string, standing: CycleStanding): Record<string, unknown> {
  return {
    user_id: seededId(`user:${keyId}`, 28),
    workspace_id: seededId(`workspace:${keyId}`, 28),
    subscription: subscriptionCore(tier, standing),
    is_new_user: false,
    can_use_delayed_payment_methods: false,
    is_onboarding_completed: true,
    is_onboarding_checklist_completed: true,
    created_at: 1_700_000_000,
    seat_type: 'workspace_admin',
  };
}
