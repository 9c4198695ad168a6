import { lazy } from 'react';
import type { StaffFeature } from '../feature';

const CustomersPage = lazy(async () => ({ default: (await import('./CustomersPage')).CustomersPage }));
const CustomerPage = lazy(async () => ({ default: (await import('./CustomerPage')).CustomerPage }));
const NewCustomerPage = lazy(async () => ({ default: (await import('./NewCustomerPage')).NewCustomerPage }));

/** A service company's customers: the list and its search, one customer, a new one. Field staff's home page. */
export const customersFeature: StaffFeature = {
  name: 'customers',
  routes: [
    { path: 'customers', ability: 'customers', element: <CustomersPage /> },
    { path: 'customers/new', ability: 'customers', element: <NewCustomerPage /> },
    { path: 'customers/:customerId', ability: 'customers', element: <CustomerPage /> },
  ],
  nav: [{ to: '/app/customers', label: 'customers.nav', ability: 'customers' }],
};
