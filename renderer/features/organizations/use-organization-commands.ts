import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { registerCommand } from '../../app/commands';

/** Registers the organizations commands while an organizations screen is shown. */
export function useOrganizationCommands(): void {
  const navigate = useNavigate();
  useEffect(
    () => registerCommand('organizations.create', () => void navigate('/organizations/new')),
    [navigate],
  );
}
