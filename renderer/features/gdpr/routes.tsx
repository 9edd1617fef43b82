import type { RouteObject } from 'react-router';
import { BreachesPage } from './breaches-page';
import { ControllerPage } from './controller-page';
import { InformingList } from './informing-page';
import { NoticePage } from './notice-page';
import { PrivacyOverviewPage, ToReviewList, WithoutPurposeList } from './overview-page';
import { PrivacyLayout } from './privacy-layout';
import { PurposesPage } from './purposes-page';
import { RegisterPage } from './register-page';
import { RetentionPage } from './retention-page';
import { rightsRoutes } from '../rights';

/** The privacy section's routes, under `/privacy`. */
export const privacyRoutes: RouteObject[] = [
  {
    path: 'privacy',
    element: <PrivacyLayout />,
    children: [
      { index: true, element: <PrivacyOverviewPage /> },
      { path: 'controller', element: <ControllerPage /> },
      { path: 'purposes', element: <PurposesPage /> },
      { path: 'notice', element: <NoticePage /> },
      { path: 'register', element: <RegisterPage /> },
      { path: 'breaches', element: <BreachesPage /> },
      { path: 'retention', element: <RetentionPage /> },
      { path: 'without-purpose', element: <WithoutPurposeList /> },
      { path: 'to-review', element: <ToReviewList /> },
      { path: 'informing', element: <InformingList /> },
      ...rightsRoutes,
    ],
  },
];
