import type { Role, Team, TeamMember } from '@frontdesk/protocol';
import { photoUrlOf } from '../staff/index.js';
import type { TeamMemberRow, TeamWithMembers } from './service.js';

export function presentTeamMember(member: TeamMemberRow): TeamMember {
  return {
    userId: member.userId,
    name: member.user.name,
    photoUrl: photoUrlOf(member.user),
    role: (member.user.role ?? 'agent') as Role,
    active: member.user.active,
    capacity: member.capacity,
    languages: member.languages,
    skills: member.skills,
  };
}

export function presentTeam(team: TeamWithMembers): Team {
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    assignmentMode: team.assignmentMode,
    sla: {
      firstResponseMinutes: team.firstResponseMinutes,
      nextResponseMinutes: team.nextResponseMinutes,
      dutyManagerId: team.dutyManagerId,
    },
    members: team.members.map(presentTeamMember),
    hours: { weekly: team.weeklyHours, holidays: team.holidays, awayMessage: team.awayMessage },
    createdAt: team.createdAt.toISOString(),
  };
}
