import { Empty } from '../components/states';

export function SupervisorPage() {
  return <Empty title="Coming together">This screen is being built.</Empty>;
}
