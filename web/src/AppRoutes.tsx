import { Navigate, Route, Routes, useLocation } from 'react-router';
import { lazy, Suspense, type ReactNode } from 'react';
import { Loading } from './components/states';
import { StaffShell } from './layout/StaffShell';
import { SignInPage } from './pages/SignInPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SetPasswordPage } from './pages/SetPasswordPage';
import { homeFor, REVIEWING_ROLES, STAFF_ROLES, SUPERVISING_ROLES, useSession } from './session/session';
import type { Role } from './api/types';
import { OUTBOX_ROLES } from './outbox/roles';
import { SECTION_CODE } from './section-code';

// Each part of the app loads on its own: a customer on the portal never downloads the workspace.
const PortalPage = lazy(() => import('./portal/PortalPage').then((m) => ({ default: m.PortalPage })));
const SupervisorPage = lazy(() => SECTION_CODE.supervisor().then((m) => ({ default: m.SupervisorPage })));
const ReviewPage = lazy(() => SECTION_CODE.review().then((m) => ({ default: m.ReviewPage })));
const OutboxPage = lazy(() => SECTION_CODE.outbox().then((m) => ({ default: m.OutboxPage })));
const AdminPage = lazy(() => SECTION_CODE.admin().then((m) => ({ default: m.AdminPage })));
const WorkspacePage = lazy(() => SECTION_CODE.work().then((m) => ({ default: m.WorkspacePage })));

export function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <AppRoutesInner />
    </Suspense>
  );
}

function AppRoutesInner() {
  return (
    <Routes>
      <Route path="/" element={<Home />} />
      <Route path="/signin" element={<SignInPage />} />
      <Route path="/set-password" element={<SetPasswordPage />} />
      <Route path="/portal/:organisation/*" element={<PortalPage />} />
      <Route
        path="/work/*"
        element={
          <StaffOnly roles={STAFF_ROLES}>
            <StaffShell>
              <WorkspacePage />
            </StaffShell>
          </StaffOnly>
        }
      />
      <Route
        path="/supervisor"
        element={
          <StaffOnly roles={SUPERVISING_ROLES}>
            <StaffShell>
              <SupervisorPage />
            </StaffShell>
          </StaffOnly>
        }
      />
      <Route
        path="/review"
        element={
          <StaffOnly roles={REVIEWING_ROLES}>
            <StaffShell>
              <ReviewPage />
            </StaffShell>
          </StaffOnly>
        }
      />
      <Route
        path="/admin/*"
        element={
          <StaffOnly roles={['admin']}>
            <StaffShell>
              <AdminPage />
            </StaffShell>
          </StaffOnly>
        }
      />
      <Route
        path="/outbox"
        element={
          <StaffOnly roles={OUTBOX_ROLES}>
            <StaffShell>
              <OutboxPage />
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
