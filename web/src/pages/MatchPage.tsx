export { MatchPage as default } from './Matches';
