import {
  type AssignmentMode,
  assignmentModes,
  DEFAULT_MEMBER_CAPACITY,
  MAX_MEMBER_CAPACITY,
  MAX_MEMBER_LANGUAGES,
  MAX_MEMBER_SKILLS,
} from '@frontdesk/protocol';

/** The longest response target the API takes: a week. */
const MAX_SLA_MINUTES = 7 * 24 * 60;

import { NumberInput, Select, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldErrors } from '../../../i18n/error-message';
import type { StaffMember, Team, TeamMember } from '../../types';
import { ConfirmModal, FormModal } from '../../ui/FormModal';
import { useRoleName } from '../../useRoleName';
import { adminApi, adminKeys } from './api';

/** After any change, the teams list is read again (the answers carry one team; the list has them all). */
function useTeamsChanged(onDone: () => void) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: adminKeys.teams });
    onDone();
  };
}

/** Creates a team, or renames and describes `team`. */
export function TeamModal({ team, onClose }: { team?: Team; onClose: () => void }) {
  const { t } = useTranslation('staff');
  const [name, setName] = useState(team?.name ?? '');
  const [description, setDescription] = useState(team?.description ?? '');
  const [assignmentMode, setAssignmentMode] = useState<AssignmentMode>(team?.assignmentMode ?? 'manual');
  const [firstResponse, setFirstResponse] = useState<number | string>(team?.sla.firstResponseMinutes ?? '');
  const [nextResponse, setNextResponse] = useState<number | string>(team?.sla.nextResponseMinutes ?? '');
  const [dutyManagerId, setDutyManagerId] = useState<string | null>(team?.sla.dutyManagerId ?? null);
  const minutes = (value: number | string) => (value === '' ? null : Number(value));
  const done = useTeamsChanged(onClose);
  const save = useMutation({
    mutationFn: () => {
      const input = {
        name: name.trim(),
        description: description.trim(),
        assignmentMode,
        firstResponseMinutes: minutes(firstResponse),
        nextResponseMinutes: minutes(nextResponse),
        // only a member can be the duty manager: a new team has none yet
        ...(team ? { dutyManagerId } : {}),
      };
      return team ? adminApi.updateTeam(team.id, input) : adminApi.createTeam(input);
    },
    onSuccess: done,
  });
  const invalid = useFieldErrors(save.error);
  const labels = {
    name: t('admin.teams.name'),
    description: t('admin.teams.description'),
    assignmentMode: t('admin.teams.assignment'),
    firstResponseMinutes: t('admin.teams.firstResponse'),
    nextResponseMinutes: t('admin.teams.nextResponse'),
    dutyManagerId: t('admin.teams.dutyManager'),
  };
  return (
    <FormModal
      title={team ? t('admin.teams.editTitle', { team: team.name }) : t('admin.teams.add')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      submitLabel={team ? t('admin.teams.save') : t('admin.teams.addSubmit')}
      pending={save.isPending}
      error={save.error}
      errorLabels={labels}
      ready={!!name.trim()}
    >
      <TextInput
        label={labels.name}
        placeholder={t('admin.teams.namePlaceholder')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        maxLength={60}
        required
        data-autofocus
        error={invalid.name}
      />
      <Textarea
        label={labels.description}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        maxLength={300}
        autosize
        minRows={2}
        error={invalid.description}
      />
      <Select
        label={labels.assignmentMode}
        description={t('admin.teams.assignmentHelp')}
        data={assignmentModes.map((mode) => ({ value: mode, label: t(`admin.teams.assignmentModes.${mode}`) }))}
        value={assignmentMode}
        onChange={(mode) => mode && setAssignmentMode(mode as AssignmentMode)}
        allowDeselect={false}
        error={invalid.assignmentMode}
      />
      <NumberInput
        label={labels.firstResponseMinutes}
        description={t('admin.teams.targetHelp')}
        value={firstResponse}
        onChange={setFirstResponse}
        min={1}
        max={MAX_SLA_MINUTES}
        allowDecimal={false}
        suffix=" min"
        error={invalid.firstResponseMinutes}
      />
      <NumberInput
        label={labels.nextResponseMinutes}
        description={t('admin.teams.nextResponseHelp')}
        value={nextResponse}
        onChange={setNextResponse}
        min={1}
        max={MAX_SLA_MINUTES}
        allowDecimal={false}
        suffix=" min"
        error={invalid.nextResponseMinutes}
      />
      {team ? (
        <Select
          label={labels.dutyManagerId}
          description={t('admin.teams.dutyManagerHelp')}
          placeholder={t('admin.teams.dutyManagerAdmins')}
          data={team.members.map((m) => ({ value: m.userId, label: m.name }))}
          value={dutyManagerId}
          onChange={setDutyManagerId}
          clearable
          error={invalid.dutyManagerId}
        />
      ) : null}
    </FormModal>
  );
}

/**
 * Adds a staff member to the team (chosen from those not in it yet), or changes `member`'s capacity,
 * languages and skills there. The server lower-cases and de-duplicates the tags.
 */
export function MemberModal({
  team,
  member,
  staff,
  onClose,
}: {
  team: Team;
  member?: TeamMember;
  staff: StaffMember[];
  onClose: () => void;
}) {
  const roleName = useRoleName();
  const { t } = useTranslation('staff');
  const inTeam = new Set(team.members.map((m) => m.userId));
  const candidates = staff.filter((s) => !inTeam.has(s.id));
  const [userId, setUserId] = useState<string | null>(member?.userId ?? null);
  const [capacity, setCapacity] = useState<number | string>(member?.capacity ?? DEFAULT_MEMBER_CAPACITY);
  const [languages, setLanguages] = useState<string[]>(member?.languages ?? []);
  const [skills, setSkills] = useState<string[]>(member?.skills ?? []);
  const done = useTeamsChanged(onClose);
  const save = useMutation({
    mutationFn: () => adminApi.setTeamMember(team.id, userId ?? '', { capacity: Number(capacity), languages, skills }),
    onSuccess: done,
  });
  const invalid = useFieldErrors(save.error);
  const labels = {
    capacity: t('admin.teams.capacity'),
    languages: t('admin.teams.languages'),
    skills: t('admin.teams.skills'),
  };
  const capacityOk =
    Number.isInteger(Number(capacity)) && Number(capacity) >= 1 && Number(capacity) <= MAX_MEMBER_CAPACITY;
  return (
    <FormModal
      title={
        member
          ? t('admin.teams.editMemberOf', { name: member.name, team: team.name })
          : t('admin.teams.addMemberTitle', { team: team.name })
      }
      onClose={onClose}
      onSubmit={() => save.mutate()}
      submitLabel={member ? t('admin.teams.save') : t('admin.teams.addMemberSubmit')}
      pending={save.isPending}
      error={save.error}
      errorLabels={labels}
      ready={!!userId && capacityOk}
    >
      {member ? null : (
        <Select
          label={t('admin.teams.member')}
          data={candidates.map((s) => ({ value: s.id, label: `${s.name} (${roleName(s.role)})` }))}
          value={userId}
          onChange={setUserId}
          searchable
          required
          data-autofocus
          nothingFoundMessage={t('admin.teams.everyoneIn')}
        />
      )}
      <NumberInput
        label={labels.capacity}
        description={t('admin.teams.capacityHelp', { max: MAX_MEMBER_CAPACITY })}
        value={capacity}
        onChange={setCapacity}
        min={1}
        max={MAX_MEMBER_CAPACITY}
        allowDecimal={false}
        required
        data-autofocus={member ? true : undefined}
        error={invalid.capacity}
      />
      <TagsInput
        label={labels.languages}
        description={t('admin.teams.languagesHelp')}
        value={languages}
        onChange={setLanguages}
        maxTags={MAX_MEMBER_LANGUAGES}
        splitChars={[',', ' ']}
        error={invalid.languages}
      />
      <TagsInput
        label={labels.skills}
        description={t('admin.teams.skillsHelp')}
        value={skills}
        onChange={setSkills}
        maxTags={MAX_MEMBER_SKILLS}
        splitChars={[',']}
        error={invalid.skills}
      />
    </FormModal>
  );
}

/** Asks before deleting a team. */
export function RemoveTeamModal({ team, onClose }: { team: Team; onClose: () => void }) {
  const { t } = useTranslation('staff');
  const done = useTeamsChanged(onClose);
  const remove = useMutation({ mutationFn: () => adminApi.removeTeam(team.id), onSuccess: done });
  return (
    <ConfirmModal
      title={t('admin.teams.removeTitle', { team: team.name })}
      body={t('admin.teams.removeBody')}
      confirmLabel={t('admin.teams.remove')}
      onConfirm={() => remove.mutate()}
      onClose={onClose}
      pending={remove.isPending}
      error={remove.error}
    />
  );
}

/** Asks before taking a member out of a team. */
export function RemoveMemberModal({ team, member, onClose }: { team: Team; member: TeamMember; onClose: () => void }) {
  const { t } = useTranslation('staff');
  const done = useTeamsChanged(onClose);
  const remove = useMutation({
    mutationFn: () => adminApi.removeTeamMember(team.id, member.userId),
    onSuccess: done,
  });
  return (
    <ConfirmModal
      title={t('admin.teams.removeMemberTitle', { name: member.name, team: team.name })}
      body={t('admin.teams.removeMemberBody')}
      confirmLabel={t('admin.teams.removeMember')}
      onConfirm={() => remove.mutate()}
      onClose={onClose}
      pending={remove.isPending}
      error={remove.error}
    />
  );
}
