import { Component, type ErrorInfo, lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { lastGuestSlug } from './guest/last-visit';
import { ErrorState, LoadingState, NotFoundState } from './ui/states';

// Each surface is a lazy chunk: a guest's phone downloads only the guest code, and the staff,
// admin and platform pages (under /app) never reach it.
const GuestPage = lazy(async () => ({ default: (await import('./guest/GuestPage')).GuestPage }));
const VisitPage = lazy(async () => ({ default: (await import('./guest/VisitPage')).VisitPage }));
const LabelPage = lazy(async () => ({ default: (await import('./guest/LabelPage')).LabelPage }));
const StaffApp = lazy(async () => ({ default: (await import('./staff/StaffApp')).StaffApp }));

export function AppRoutes() {
  return (
    <RouteErrorBoundary>
      <Suspense fallback={<LoadingState />}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/g/:slug" element={<GuestPage />} />
          <Route path="/g/:slug/visit" element={<VisitPage />} />
          <Route path="/l/:token" element={<LabelPage />} />
          <Route path="/app/*" element={<StaffApp />} />
          <Route path="*" element={<NotFoundState />} />
        </Routes>
      </Suspense>
    </RouteErrorBoundary>
  );
}

/** The installed app opens at `/`: back to the guest's hotel if this device was a guest's, else the staff app. */
function Home() {
  const slug = lastGuestSlug();
  return <Navigate to={slug ? `/g/${encodeURIComponent(slug)}` : '/app'} replace />;
}

/** A chunk that failed to download (a deploy happened, the network dropped) or a render that threw. */
class RouteErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  override render() {
    if (this.state.error) return <ErrorState error={this.state.error} onRetry={() => window.location.reload()} />;
    return this.props.children;
  }
}
