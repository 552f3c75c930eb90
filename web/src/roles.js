// What the logged-in user's roles allow, for showing or hiding actions only:
// the server decides every request itself (src/authz). admin may do everything.

export function hasRole(me, role) {
  const roles = me?.roles || [];
  return roles.includes('admin') || roles.includes(role);
}

export const can = {
  upload: (me) => hasRole(me, 'archivist'),
  file: (me) => hasRole(me, 'archivist'),
  quarantine: (me) => hasRole(me, 'archivist'),
  propose: (me) => hasRole(me, 'archivist'),
  hold: (me) => hasRole(me, 'archivist'),
  destroy: (me) => hasRole(me, 'archivist'),
  approve: (me) => hasRole(me, 'approver'),
  audit: (me) => hasRole(me, 'auditor'),
  // Destruction lists are read by those who make, approve or audit them.
  seeDestruction: (me) => hasRole(me, 'archivist') || hasRole(me, 'approver') || hasRole(me, 'auditor'),
  seeChanges: (me) => hasRole(me, 'archivist') || hasRole(me, 'approver') || hasRole(me, 'auditor'),
};
