// The money helper of the contract. The primitive lives in @techbridge/search (search may not
// import the api, and its matcher writes amounts into match reasons); api, web and seed take it
// from here.
export * from '@techbridge/search/money';
