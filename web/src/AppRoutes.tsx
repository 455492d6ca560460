import { Navigate, Route, Routes, useLocation } from 'react-router';
import type { ReactNode } from 'react';
import { LoadedScreen } from './components/LoadedScreen';
import { Loading } from './components/states';
import { StaffShell } from './layout/StaffShell';
import { SignInPage } from './pages/SignInPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SetPasswordPage } from './pages/SetPasswordPage';
import { homeFor, REVIEWING_ROLES, STAFF_ROLES, SUPERVISING_ROLES, useSession } from './session/session';
import type { Role } from './api/types';
import { OUTBOX_ROLES } from './outbox/roles';
import { SECTION_CODE } from './section-code';
import { screenCode } from './screen-code';

// Each part of the app loads on its own: a customer on the portal never downloads the workspace.
const PORTAL_CODE = screenCode(() => import('./portal/PortalPage').then((m) => m.PortalPage));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<Home />} />
      <Route path="/signin" element={<SignInPage />} />
      <Route path="/set-password" element={<SetPasswordPage />} />
      <Route path="/portal/:organisation/*" element={<LoadedScreen code={PORTAL_CODE} />} />
      <Route
        path="/work/*"
        element={
          <StaffOnly roles={STAFF_ROLES}>
            <StaffShell>
              <LoadedScreen code={SECTION_CODE.work} />
            </StaffShell>
          </StaffOnly>
        }
      />
      <Route
        path="/supervisor"
        element={
          <StaffOnly roles={SUPERVISING_ROLES}>
            <StaffShell>
              <LoadedScreen code={SECTION_CODE.supervisor} />
            </StaffShell>
          </StaffOnly>
        }
      />
      <Route
        path="/review"
        element={
          <StaffOnly roles={REVIEWING_ROLES}>
            <StaffShell>
              <LoadedScreen code={SECTION_CODE.review} />
            </StaffShell>
          </StaffOnly>
        }
      />
      <Route
        path="/admin/*"
        element={
          <StaffOnly roles={['admin']}>
            <StaffShell>
              <LoadedScreen code={SECTION_CODE.admin} />
            </StaffShell>
          </StaffOnly>
        }
      />
      <Route
        path="/outbox"
        element={
          <StaffOnly roles={OUTBOX_ROLES}>
            <StaffShell>
              <LoadedScreen code={SECTION_CODE.outbox} />
            </StaffShell>
          </StaffOnly>
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function Home() {
  const { me } = useSession();
  if (me === undefined) return <Loading label="Starting Hearken…" />;
  return <Navigate to={me ? homeFor(me) : '/signin'} replace />;
}

/** Staff screens: signed-out people go to sign-in (and come back), customers go to their portal. */
function StaffOnly({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <Loading label="Checking your session…" />;
  if (me === null)
    return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!roles.includes(me.role)) return <Navigate to={homeFor(me)} replace />;
  return <>{children}</>;
}
