// Invitations and the accounts of a structure (see service.ts); routes.ts serves them under /api.
export { invitationRoutes } from './routes';
export { createInvitations, INVITATION_DAYS, type InvitationOptions, type Invitations } from './service';
export { roleOf, type StructureRole, type TeamAccount, type TeamMember } from './team';
